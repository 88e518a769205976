package handlers

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"huoban/models"
)

// utf8BOM starts every CSV export so spreadsheet programs read it as UTF-8.
const utf8BOM = "\uFEFF"

// ImportResult is the answer of a successful (or dry-run) import.
type ImportResult struct {
	Created int  `json:"created"`
	DryRun  bool `json:"dry_run"`
}

// importColumns are the header names an import understands: the JSON field
// names with metrics flat, and buyer_id or buyer_xhs_id for the buyer.
var importColumns = map[string]bool{
	"buyer_id": true, "buyer_xhs_id": true, "type": true, "title": true, "products": true, "status": true,
	"start_on": true, "end_on": true, "slot_fee_cents": true, "commission_pct": true, "sample_cost_cents": true,
	"views": true, "viewers": true, "clicks": true, "orders": true, "units": true, "gmv_cents": true,
	"refund_cents": true, "interactions": true, "brand_rating": true, "shared_feedback": true, "internal_notes": true,
	"items": true, // issue 15: see csvimport_items.go
}

// exportOnlyColumns are written by the export and ignored by an import, so an
// exported file can be imported again.
var exportOnlyColumns = map[string]bool{
	"id": true, "net_gmv_cents": true, "aov_cents": true, "conversion_pct": true, "gpm_cents": true,
	"commission_cents": true, "total_cost_cents": true, "roi": true, "created_by": true, "created_at": true, "updated_at": true,
}

// productSep separates products in one CSV cell.
const productSep = "|"

// xlsxType is the content type of an .xlsx file.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// readSheetBody reads an upload of at most MaxCSVBody bytes: CSV
// (text/csv), .xlsx, or either sent as application/octet-stream. What it is
// is told by its first bytes (openSheet), not by the content type alone.
func readSheetBody(c *gin.Context) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "text/csv" && mt != "application/csv" && mt != xlsxType && mt != "application/octet-stream") {
		return nil, models.Errorf(models.ErrBadRequest, "the body must be CSV (Content-Type: text/csv) or .xlsx ("+xlsxType+")")
	}
	// MaxBytesReader also catches chunked bodies that declare no length.
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxCSVBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, models.Errorf(models.ErrPayloadTooLarge, "the file is larger than 20 MiB")
		}
		return nil, models.Errorf(models.ErrBadRequest, "the body could not be read")
	}
	return body, nil
}

// toUTF8 strips a UTF-8 BOM, or decodes a body that is not UTF-8 as GBK.
func toUTF8(body []byte) ([]byte, error) {
	if utf8.Valid(body) {
		return bytes.TrimPrefix(body, []byte(utf8BOM)), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), body)
	if err != nil || !utf8.Valid(out) {
		return nil, fileProblem("is neither UTF-8 nor GBK text")
	}
	return out, nil
}
