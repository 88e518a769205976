-- wrk script of the mixed read load (issue 11): each request is a random
-- line of $BENCH_REQUESTS (kind<TAB>path, made by requests.py); with
-- $BENCH_ONLY set, only the lines of that kind.
local only = os.getenv("BENCH_ONLY") or ""
local paths = {}
for line in io.lines(os.getenv("BENCH_REQUESTS")) do
  local kind, path = line:match("^(%S+)\t(.*)$")
  if only == "" or only == kind then
    paths[#paths + 1] = path
  end
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
