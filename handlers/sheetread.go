package handlers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"huoban/models"
)

// sheetRows reads an uploaded table one record at a time: the header first,
// then each row with its number in the file (the header is row 1).
type sheetRows interface {
	// Next returns the next record and its row number, or io.EOF.
	Next() (row int, cells []string, err error)
	// Close releases what the reader holds.
	Close() error
}

// xlsxMagic starts every .xlsx file (a ZIP archive).
var xlsxMagic = []byte("PK\x03\x04")

// isXLSX tells an .xlsx upload from a CSV one by its first bytes, so a
// spreadsheet sent with a CSV content type (or the other way round) is
// still read as what it is.
func isXLSX(body []byte) bool { return bytes.HasPrefix(body, xlsxMagic) }

// openSheet returns a reader of body: the first worksheet of an .xlsx file,
// or CSV text (UTF-8, or GBK decoded).
func openSheet(body []byte) (sheetRows, error) {
	if isXLSX(body) {
		return openXLSX(body)
	}
	text, err := toUTF8(body)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvRows{r: cr}, nil
}

// csvRows reads CSV records; a record's number counts records, not lines
// (a quoted cell may span lines).
type csvRows struct {
	r *csv.Reader
	n int
}

func (c *csvRows) Next() (int, []string, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	c.n++
	if err != nil {
		var pe *csv.ParseError
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return c.n, nil, models.Custom(models.CodeInvalidFile, models.Params{"reason": msg}, "is not valid CSV: "+msg).Err()
	}
	return c.n, rec, nil
}

func (c *csvRows) Close() error { return nil }

// xlsxLimit caps what an .xlsx upload may unzip to, against ZIP bombs.
const xlsxLimit = 256 << 20

// xlsxRows reads the first worksheet's rows with raw cell values: numbers
// as the file stores them (not as formatted for display), dates as Excel
// serial numbers (importDate turns them into dates).
type xlsxRows struct {
	f    *excelize.File
	rows *excelize.Rows
	n    int
}

func openXLSX(body []byte) (sheetRows, error) {
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{UnzipSizeLimit: xlsxLimit, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fileProblem("is not a readable .xlsx file")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, fileProblem("has no worksheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, fileProblem("has a worksheet that cannot be read")
	}
	return &xlsxRows{f: f, rows: rows}, nil
}

// fileProblem is a validation error about the whole file (row 1).
func fileProblem(reason string) error {
	p := models.Custom(models.CodeInvalidFile, models.Params{"reason": reason}, "the file "+reason)
	return &models.ValidationError{Message: p.Message, Rows: []models.RowError{models.RowProblem(1, "", p)}}
}

func (x *xlsxRows) Next() (int, []string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return 0, nil, fileProblem("has a worksheet that cannot be read")
		}
		return 0, nil, io.EOF
	}
	x.n++
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return x.n, nil, models.Custom(models.CodeInvalidFile, models.Params{"reason": "unreadable row"}, "cannot be read").Err()
	}
	for i, v := range cells {
		cells[i] = xlsxNumber(v)
	}
	return x.n, cells, nil
}

func (x *xlsxRows) Close() error {
	_ = x.rows.Close()
	return x.f.Close()
}

// xlsxNumber undoes the binary noise of a stored number: 1234.57 may be
// kept as 1234.5699999999999; fifteen significant digits (what Excel
// shows) give it back. Other text is returned as is.
func xlsxNumber(v string) string {
	if !strings.ContainsAny(v, ".Ee") || strings.ContainsAny(v, " ,¥") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(g, 'f', -1, 64)
}
