package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"huoban/models"
	"huoban/store"
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

// readCSVBody reads a text/csv body of at most MaxCSVBody bytes and returns
// it as UTF-8 without a BOM: valid UTF-8 is taken as is, anything else is
// decoded as GBK (GB18030, its superset).
func readCSVBody(c *gin.Context) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "text/csv" && mt != "application/csv") {
		return nil, models.Errorf(models.ErrBadRequest, "the body must be CSV (Content-Type: text/csv)")
	}
	// MaxBytesReader also catches chunked bodies that declare no length.
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxCSVBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, models.Errorf(models.ErrPayloadTooLarge, "the CSV file is larger than 20 MiB")
		}
		return nil, models.Errorf(models.ErrBadRequest, "the body could not be read")
	}
	return toUTF8(body)
}

// toUTF8 strips a UTF-8 BOM, or decodes a body that is not UTF-8 as GBK.
func toUTF8(body []byte) ([]byte, error) {
	if utf8.Valid(body) {
		return bytes.TrimPrefix(body, []byte(utf8BOM)), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), body)
	if err != nil || !utf8.Valid(out) {
		return nil, &models.ValidationError{Message: "the file is neither UTF-8 nor GBK text",
			Rows: []models.RowError{{Row: 1, Message: "the file is neither UTF-8 nor GBK text"}}}
	}
	return out, nil
}

// ImportCollaborations creates collaborations from a CSV file, all or none.
func (h *Handlers) ImportCollaborations(c *gin.Context) error {
	dryRun, err := boolQuery(c, "dry_run")
	if err != nil {
		return err
	}
	body, err := readCSVBody(c)
	if err != nil {
		return err
	}
	n, err := h.Store.ImportCollaborations(c.Request.Context(), actor(c), dryRun, func(yield func(*store.ImportRow) error) error {
		return parseCollaborationsCSV(bytes.NewReader(body), yield)
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ImportResult{Created: n, DryRun: dryRun})
	return nil
}

// headerProblem is a ValidationError about the header line.
func headerProblem(rows []models.RowError) error {
	return &models.ValidationError{Message: "the header line has problems; nothing was imported", Rows: rows}
}

// parseCollaborationsCSV reads the header and then one record at a time,
// handing each parsed row to yield; the row value is reused between calls.
func parseCollaborationsCSV(r io.Reader, yield func(*store.ImportRow) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return headerProblem([]models.RowError{{Row: 1, Message: "the file is empty; the first line must name the columns"}})
	}
	if err != nil {
		return headerProblem([]models.RowError{{Row: 1, Message: "is not valid CSV: " + csvMessage(err)}})
	}
	cols := map[string]int{}
	var problems []models.RowError
	names := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		names[i] = h
		switch {
		case exportOnlyColumns[h]:
		case !importColumns[h]:
			problems = append(problems, models.RowError{Row: 1, Field: h, Message: "is not a known column"})
		case cols[h] != 0:
			problems = append(problems, models.RowError{Row: 1, Field: h, Message: "appears more than once"})
		default:
			cols[h] = i + 1 // 0 means absent
		}
	}
	if cols["buyer_id"] == 0 && cols["buyer_xhs_id"] == 0 {
		problems = append(problems, models.RowError{Row: 1, Field: "buyer_xhs_id", Message: "a buyer_xhs_id or buyer_id column is required"})
	}
	for _, req := range []string{"type", "title", "start_on"} {
		if cols[req] == 0 {
			problems = append(problems, models.RowError{Row: 1, Field: req, Message: "this column is required"})
		}
	}
	if len(problems) > 0 {
		return headerProblem(problems)
	}
	row := &store.ImportRow{}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		*row = store.ImportRow{Row: n}
		if err != nil {
			row.Problems = []models.RowError{{Row: n, Message: "is not valid CSV: " + csvMessage(err)}}
			if err := yield(row); err != nil {
				return err
			}
			return nil // the reader cannot reliably continue after a syntax error
		}
		parseCollaborationRow(row, rec, cols, len(header))
		if err := yield(row); err != nil {
			return err
		}
	}
}

func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// parseCollaborationRow fills row from one record.
func parseCollaborationRow(row *store.ImportRow, rec []string, cols map[string]int, width int) {
	ve := &models.ValidationError{}
	if len(rec) != width {
		ve.Add("", "has "+strconv.Itoa(len(rec))+" fields, the header has "+strconv.Itoa(width))
		row.Problems = rowProblems(row.Row, ve)
		return
	}
	for name, i := range cols {
		if i != 0 && strings.ContainsRune(rec[i-1], 0) {
			ve.Add(name, "must not contain NUL characters")
		}
	}
	cell := func(name string) string {
		if i := cols[name]; i != 0 {
			return strings.TrimSpace(rec[i-1])
		}
		return ""
	}
	intCell := func(name string, dst *int64) {
		v := cell(name)
		if v == "" {
			return
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			ve.Add(name, "must be a whole number")
			return
		}
		*dst = n
	}
	c := &row.C
	*c = models.Collaboration{Status: models.CollabPlanned, Products: models.StringList{}}
	if v := cell("buyer_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("buyer_id", "must be a positive integer")
		}
		row.BuyerID = id
	}
	row.BuyerXhsID = cell("buyer_xhs_id")
	if row.BuyerID == 0 && row.BuyerXhsID == "" && !ve.Has("buyer_id") {
		ve.Add("buyer_xhs_id", "name the buyer with buyer_xhs_id or buyer_id")
	}
	c.Type = models.CollabType(cell("type"))
	c.Title = cell("title")
	if v := cell("products"); v != "" {
		if strings.HasPrefix(v, "[") {
			var l []string
			if err := json.Unmarshal([]byte(v), &l); err != nil {
				ve.Add("products", "must be a JSON list or names separated by "+productSep)
			}
			c.Products = l
		} else {
			c.Products = strings.Split(v, productSep)
		}
	}
	if v := cell("status"); v != "" {
		c.Status = models.CollabStatus(v)
	}
	for name, dst := range map[string]*models.Date{"start_on": &c.StartOn, "end_on": &c.EndOn} {
		if v := cell(name); v != "" {
			d, err := models.ParseDate(v)
			if err != nil {
				ve.Add(name, err.Error())
			}
			*dst = d
		}
	}
	intCell("slot_fee_cents", &c.SlotFeeCents)
	intCell("sample_cost_cents", &c.SampleCostCents)
	m := &c.Metrics
	intCell("views", &m.Views)
	intCell("viewers", &m.Viewers)
	intCell("clicks", &m.Clicks)
	intCell("orders", &m.Orders)
	intCell("units", &m.Units)
	intCell("gmv_cents", &m.GMVCents)
	intCell("refund_cents", &m.RefundCents)
	intCell("interactions", &m.Interactions)
	if v := cell("commission_pct"); v != "" {
		p, err := models.ParsePct(v)
		if err != nil {
			ve.Add("commission_pct", err.Error())
		}
		c.CommissionPct = p
	} else {
		row.InheritCommission = true
	}
	if v := cell("brand_rating"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			ve.Add("brand_rating", "must be 1 to 5 or empty")
		} else {
			c.BrandRating = &n
		}
	}
	c.SharedFeedback = cell("shared_feedback")
	c.InternalNotes = cell("internal_notes")
	row.Items = parseItemsCell(ve, cell("items"))
	validateCollaboration(ve, c, "")
	row.Problems = rowProblems(row.Row, ve)
}

// rowProblems turns a row's field problems into row errors, ordered by field.
func rowProblems(row int, ve *models.ValidationError) []models.RowError {
	if len(ve.Fields) == 0 {
		return nil
	}
	out := make([]models.RowError, 0, len(ve.Fields))
	for f, m := range ve.Fields {
		out = append(out, models.RowError{Row: row, Field: f, Message: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}
