package handlers

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"huoban/models"
)

// xlsxSheet is an .xlsx file being written row by row through excelize's
// stream writer (rows go to a temporary file past its memory chunk, so a
// large export does not sit in memory as cells).
type xlsxSheet struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
}

// newXLSX starts a workbook whose first sheet is named sheet.
func newXLSX(sheet string) (*xlsxSheet, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		_ = f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &xlsxSheet{f: f, sw: sw}, nil
}

// add writes the next row; strings are written as text, numbers as numbers.
func (x *xlsxSheet) add(values []any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, values)
}

// header writes a header row of names.
func (x *xlsxSheet) header(names []string) error {
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = SpreadsheetText(n)
	}
	return x.add(vals)
}

// send finishes the workbook and answers it as a download.
func (x *xlsxSheet) send(c *gin.Context, filename string) error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	c.Header("Content-Type", xlsxType)
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	// The rows are in the stream writer's store already; only the zip is
	// written now, straight to the client.
	return exportEnded(c, x.f.Write(c.Writer))
}

// text is a text cell of an export: made safe for spreadsheet programs.
func text(s string) any { return SpreadsheetText(s) }

// num is a decimal (a Pct or a Ratio) as a number cell; nil stays empty.
func num(s interface{ String() string }) any {
	if s == nil {
		return nil
	}
	f, err := strconv.ParseFloat(s.String(), 64)
	if err != nil {
		return nil
	}
	return f
}

// optNum is an optional integer as a number cell.
func optNum(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

// ExportCollaborationsXLSX answers the filtered collaborations as .xlsx, the
// columns of the CSV export with amounts as numbers.
func (h *Handlers) ExportCollaborationsXLSX(c *gin.Context) error {
	q, err := collaborationQuery(c)
	if err != nil {
		return err
	}
	x, err := newXLSX("collaborations")
	if err != nil {
		return err
	}
	if err := x.header(collabExportHeader); err != nil {
		return err
	}
	err = h.Store.EachCollaboration(c.Request.Context(), brandID(c), q, func(m *models.Collaboration) error {
		k := m.KPIs()
		mt := m.Metrics
		var conv, roi, rating, by any
		if k.ConversionPct != nil {
			conv = num(*k.ConversionPct)
		}
		if k.ROI != nil {
			roi = num(*k.ROI)
		}
		if m.BrandRating != nil {
			rating = *m.BrandRating
		}
		by = optNum(m.CreatedBy)
		return x.add([]any{m.ID, m.BuyerID, text(string(m.Type)), text(m.Title), text(strings.Join(m.Products, productSep)),
			text(string(m.Status)), text(string(m.StartOn)), text(string(m.EndOn)), m.SlotFeeCents, num(m.CommissionPct),
			m.SampleCostCents, mt.Views, mt.Viewers, mt.Clicks, mt.Orders, mt.Units, mt.GMVCents, mt.RefundCents,
			mt.Interactions, k.NetGMVCents, optNum(k.AOVCents), conv, optNum(k.GPMCents), k.CommissionCents,
			k.TotalCostCents, roi, rating, text(m.SharedFeedback), text(m.InternalNotes), by,
			text(rfc3339(m.CreatedAt)), text(rfc3339(m.UpdatedAt))})
	})
	if err != nil {
		_ = x.f.Close()
		return err
	}
	return x.send(c, "collaborations.xlsx")
}

// ExportBuyersXLSX answers the filtered buyers list as .xlsx, the columns of
// the CSV export.
func (h *Handlers) ExportBuyersXLSX(c *gin.Context) error {
	q, err := buyerQuery(c)
	if err != nil {
		return err
	}
	x, err := newXLSX("buyers")
	if err != nil {
		return err
	}
	if err := x.header(buyerExportHeader); err != nil {
		return err
	}
	err = h.Store.EachBuyer(c.Request.Context(), brandID(c), q, func(b *models.Buyer) error {
		xhs := ""
		if b.XhsID != nil {
			xhs = *b.XhsID
		}
		return x.add([]any{b.ID, text(b.Name), text(xhs), text(b.AvatarURL), text(b.City), b.Followers,
			text(strings.Join(b.InterestCircles, productSep)), text(strings.Join(b.Categories, productSep)),
			text(strings.Join(b.Tags, productSep)), text(string(b.Stage)), text(string(b.Status)), optNum(b.OwnerID),
			num(b.CommissionPct), text(b.ContactWechat), text(b.ContactPhone), text(b.ContactEmail), text(b.Notes),
			b.StatCollaborations, b.GMVCentsTotal, b.GMVCents90d, text(string(b.LastCollaborationOn)), b.HealthScore,
			text(b.HealthLabel), text(rfc3339(b.CreatedAt)), text(rfc3339(b.UpdatedAt))})
	})
	if err != nil {
		_ = x.f.Close()
		return err
	}
	return x.send(c, "buyers.xlsx")
}

// ImportTemplateXLSX answers the import template: the Chinese headers on the
// first sheet (amounts in yuan), and a second sheet 说明 saying what each
// column takes.
func (h *Handlers) ImportTemplateXLSX(c *gin.Context) error {
	x, err := newXLSX("合作导入")
	if err != nil {
		return err
	}
	headers := make([]string, len(importTemplate))
	for i, t := range importTemplate {
		headers[i] = t.header
	}
	if err := x.header(headers); err != nil {
		_ = x.f.Close()
		return err
	}
	if err := x.sw.Flush(); err != nil {
		_ = x.f.Close()
		return err
	}
	const help = "说明"
	if _, err := x.f.NewSheet(help); err != nil {
		_ = x.f.Close()
		return err
	}
	_ = x.f.SetSheetRow(help, "A1", &[]any{"列", "说明", "API 列名"})
	for i, t := range importTemplate {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = x.f.SetSheetRow(help, cell, &[]any{t.header, t.note, t.column})
	}
	_ = x.f.SetColWidth(help, "A", "A", 16)
	_ = x.f.SetColWidth(help, "B", "B", 48)
	var buf bytes.Buffer
	defer x.f.Close()
	if err := x.f.Write(&buf); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="collaborations-import-template.xlsx"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
	return nil
}

// ImportTemplateCSV answers the import template as CSV: the Chinese headers
// (amounts in yuan), UTF-8 with a BOM.
func (h *Handlers) ImportTemplateCSV(c *gin.Context) error {
	w := startCSV(c, "collaborations-import-template.csv")
	headers := make([]string, len(importTemplate))
	for i, t := range importTemplate {
		headers[i] = t.header
	}
	_ = w.Write(headers)
	w.Flush()
	return w.Error()
}
