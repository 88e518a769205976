# Multi-stage build: the web app with Node, the binary with Go (cgo for SQLite),
# then a small runtime image that holds only the binary.

FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.27.3-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
ARG VERSION=docker
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/huoban .

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app huoban \
    && mkdir -p /app/data && chown huoban /app/data
WORKDIR /app
COPY --from=build /out/huoban /usr/local/bin/huoban
USER huoban
ENV HUOBAN_ADDR=0.0.0.0:8080 \
    HUOBAN_DATABASE=/app/data/huoban.db \
    HUOBAN_LOG_FORMAT=json
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=3s CMD ["huoban", "healthcheck"]
ENTRYPOINT ["huoban"]
CMD ["serve"]
