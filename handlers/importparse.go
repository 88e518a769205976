package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// ImportCollaborations creates collaborations from a CSV or .xlsx file, all
// or none. Headers may be the API names, the template's Chinese headers or
// their aliases; ?mapping= names the column of any other header.
func (h *Handlers) ImportCollaborations(c *gin.Context) error {
	dryRun, err := boolQuery(c, "dry_run")
	if err != nil {
		return err
	}
	mapping, err := importMapping(c.Query("mapping"))
	if err != nil {
		return err
	}
	body, err := readSheetBody(c)
	if err != nil {
		return err
	}
	rows, err := openSheet(body)
	if err != nil {
		return err
	}
	defer rows.Close()
	n, err := h.Store.ImportCollaborations(c.Request.Context(), actor(c), dryRun, func(yield func(*store.ImportRow) error) error {
		return parseCollaborations(rows, isXLSX(body), mapping, yield)
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ImportResult{Created: n, DryRun: dryRun})
	return nil
}

// importMapping reads ?mapping=: a JSON object from a header as the file
// has it to the import column it fills ("" ignores the column).
func importMapping(v string) (map[string]string, error) {
	out := map[string]string{}
	if v == "" {
		return out, nil
	}
	var raw map[string]string
	if err := json.Unmarshal([]byte(v), &raw); err != nil || raw == nil {
		return nil, models.FieldError("mapping", models.InvalidType("object"))
	}
	for header, column := range raw {
		target := ""
		if strings.TrimSpace(column) != "" {
			if target = importColumnOf(column); target == "" {
				return nil, models.FieldError("mapping", models.Custom(models.CodeUnknownColumn,
					models.Params{"column": column}, "maps to "+strconv.Quote(column)+", which is not an import column"))
			}
		}
		out[normHeader(header)] = target
	}
	return out, nil
}

// headerProblem is a ValidationError about the header line.
func headerProblem(rows []models.RowError) error {
	return &models.ValidationError{Message: "the header line has problems; nothing was imported", Rows: rows}
}

// importLayout is what the header line says: which cell holds each column,
// and the header each column had in the file.
type importLayout struct {
	cols    map[string]int // column → cell index + 1 (0: absent)
	headers map[string]string
	width   int
	xlsx    bool
}

// readLayout reads the header line and checks it.
func readLayout(rows sheetRows, xlsx bool, mapping map[string]string) (*importLayout, error) {
	_, header, err := rows.Next()
	if err == io.EOF {
		return nil, headerProblem([]models.RowError{models.RowProblem(1, "", models.Custom(models.CodeEmptyFile, nil,
			"the file is empty; the first line must name the columns"))})
	}
	if err != nil {
		return nil, headerProblem([]models.RowError{models.RowProblem(1, "", models.AsProblem(err))})
	}
	l := &importLayout{cols: map[string]int{}, headers: map[string]string{}, width: len(header), xlsx: xlsx}
	var problems []models.RowError
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, utf8BOM))
		col, mapped := mapping[normHeader(h)]
		if !mapped {
			col = importColumnOf(h)
		}
		switch {
		case col == "" && (mapped || h == "" || exportOnlyColumns[normHeader(h)]):
		case col == "":
			problems = append(problems, models.RowProblem(1, h, models.UnknownColumn(h)))
		case l.cols[col] != 0 || (yuanColumns[col] != "" && l.cols[yuanColumns[col]] != 0) || l.cols[centsOf(col)] != 0:
			problems = append(problems, models.RowProblem(1, col, models.DuplicateColumn(col)))
		default:
			l.cols[col], l.headers[col] = i+1, h
		}
	}
	if l.cols["buyer_id"] == 0 && l.cols["buyer_xhs_id"] == 0 {
		problems = append(problems, models.RowProblem(1, "buyer_xhs_id", models.RequiredOneOf("buyer_xhs_id", "buyer_id")))
	}
	for _, req := range []string{"type", "title", "start_on"} {
		if l.cols[req] == 0 {
			problems = append(problems, models.RowProblem(1, req, models.Required()))
		}
	}
	if len(problems) > 0 {
		return nil, headerProblem(problems)
	}
	return l, nil
}

// centsOf returns the yuan column that fills a cents field, or "".
func centsOf(col string) string {
	for y, c := range yuanColumns {
		if c == col {
			return y
		}
	}
	return ""
}

// parseCollaborations reads the header and then one record at a time,
// handing each parsed row to yield; the row value is reused between calls.
func parseCollaborations(rows sheetRows, xlsx bool, mapping map[string]string, yield func(*store.ImportRow) error) error {
	l, err := readLayout(rows, xlsx, mapping)
	if err != nil {
		return err
	}
	row := &store.ImportRow{}
	for {
		n, rec, err := rows.Next()
		if err == io.EOF {
			return nil
		}
		*row = store.ImportRow{Row: n}
		if err != nil {
			var pe *models.ProblemError
			if !errors.As(err, &pe) {
				return err
			}
			row.Problems = []models.RowError{models.RowProblem(n, "", pe.P)}
			if err := yield(row); err != nil {
				return err
			}
			return nil // the reader cannot reliably continue after a syntax error
		}
		if xlsx && blankRecord(rec) {
			continue // a spreadsheet's empty row
		}
		l.parseRow(row, rec)
		if err := yield(row); err != nil {
			return err
		}
	}
}

func blankRecord(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// parseRow fills row from one record.
func (l *importLayout) parseRow(row *store.ImportRow, rec []string) {
	ve := &models.ValidationError{}
	if l.xlsx {
		// A spreadsheet row ends at its last filled cell.
		for len(rec) > l.width && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		for len(rec) < l.width {
			rec = append(rec, "")
		}
	}
	if len(rec) != l.width {
		ve.Add("", models.FieldCount(len(rec), l.width))
		row.Problems = l.rowProblems(row.Row, ve)
		return
	}
	for name, i := range l.cols {
		if i != 0 && strings.ContainsRune(rec[i-1], 0) {
			ve.Add(name, models.NULCharacter())
		}
	}
	cell := func(name string) string {
		if i := l.cols[name]; i != 0 {
			return strings.TrimSpace(rec[i-1])
		}
		return ""
	}
	count := func(name string, dst *int64) {
		if v := cell(name); v != "" {
			n, ok := parseCount(v)
			if !ok {
				ve.Add(name, models.InvalidNumber())
				return
			}
			*dst = n
		}
	}
	// money reads a cents field from its cents column or its yuan column.
	money := func(cents string, dst *int64) {
		count(cents, dst)
		yuan := centsOf(cents)
		if v := cell(yuan); v != "" {
			n, ok := parseYuan(v)
			if !ok {
				ve.Add(yuan, models.InvalidAmount())
				return
			}
			*dst = n
		}
	}
	// text is a free-text cell: trimmed, with an export's formula guard taken
	// off (cellsafe.go); the export of what is stored guards it again, so a
	// "\t=1+1" that trimming made "=1+1" goes out as "'=1+1".
	text := func(name string) string { return spreadsheetValue(cell(name)) }
	c := &row.C
	*c = models.Collaboration{Status: models.CollabPlanned, Products: models.StringList{}}
	if v := cell("buyer_id"); v != "" {
		id, ok := parseCount(v)
		if !ok || id <= 0 {
			ve.Add("buyer_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		row.BuyerID = id
	}
	row.BuyerXhsID = cell("buyer_xhs_id")
	if row.BuyerID == 0 && row.BuyerXhsID == "" && !ve.Has("buyer_id") {
		ve.Add("buyer_xhs_id", models.RequiredOneOf("buyer_xhs_id", "buyer_id"))
	}
	c.Type = models.CollabType(cell("type"))
	if t, ok := typeWords[string(c.Type)]; ok {
		c.Type = t
	}
	c.Title = text("title")
	if v := text("products"); v != "" {
		if strings.HasPrefix(v, "[") {
			var list []string
			if err := json.Unmarshal([]byte(v), &list); err != nil {
				ve.Add("products", models.InvalidList(productSep))
			}
			c.Products = list
		} else {
			c.Products = strings.Split(v, productSep)
		}
	}
	if v := cell("status"); v != "" {
		c.Status = models.CollabStatus(v)
		if s, ok := statusWords[v]; ok {
			c.Status = s
		}
	}
	for name, dst := range map[string]*models.Date{"start_on": &c.StartOn, "end_on": &c.EndOn} {
		if v := cell(name); v != "" {
			d, ok := importDate(v, l.xlsx)
			if !ok {
				ve.Add(name, models.InvalidDate())
			}
			*dst = d
		}
	}
	money("slot_fee_cents", &c.SlotFeeCents)
	money("sample_cost_cents", &c.SampleCostCents)
	m := &c.Metrics
	count("views", &m.Views)
	count("viewers", &m.Viewers)
	count("clicks", &m.Clicks)
	count("orders", &m.Orders)
	count("units", &m.Units)
	money("gmv_cents", &m.GMVCents)
	money("refund_cents", &m.RefundCents)
	count("interactions", &m.Interactions)
	if v := strings.TrimSuffix(cell("commission_pct"), "%"); v != "" {
		p, err := models.ParsePct(v)
		if err != nil {
			ve.Add("commission_pct", models.AsProblem(err))
		}
		c.CommissionPct = p
	} else {
		row.InheritCommission = true
	}
	if v := cell("brand_rating"); v != "" {
		n, ok := parseCount(v)
		if !ok {
			ve.Add("brand_rating", models.Between(1, 5))
		} else {
			r := int(n)
			c.BrandRating = &r
		}
	}
	c.SharedFeedback = text("shared_feedback")
	c.InternalNotes = text("internal_notes")
	row.Items = parseItemsCell(ve, cell("items"))
	validateCollaboration(ve, c, "")
	row.Problems = l.rowProblems(row.Row, ve)
}

// rowProblems turns a row's field problems into row errors, ordered by
// field. A problem with a cents field read from a yuan column is reported
// on the yuan column, its bounds in yuan.
func (l *importLayout) rowProblems(row int, ve *models.ValidationError) []models.RowError {
	if len(ve.Fields) == 0 {
		return nil
	}
	out := make([]models.RowError, 0, len(ve.Fields))
	for f, msg := range ve.Fields {
		d := ve.Details[f]
		p := models.Problem{Code: d.Code, Params: d.Params, Message: msg}
		if y := centsOf(f); y != "" && l.cols[y] != 0 {
			f = y
			if p.Code == models.CodeBetween {
				p = models.Between(0, maxAmount/100)
			}
			if p.Code == models.CodeRefundOverGMV {
				p.Message = "must not exceed the GMV"
			}
		}
		re := models.RowProblem(row, f, p)
		if h := l.headers[f]; h != f {
			re.Column = h
		}
		out = append(out, re)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}
