package handlers

import (
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// startCSV sets the headers of a CSV download and writes the BOM.
func startCSV(c *gin.Context, filename string) *csv.Writer {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	_, _ = io.WriteString(c.Writer, utf8BOM)
	return csv.NewWriter(c.Writer)
}

// collabExportHeader are the columns of the collaborations export.
var collabExportHeader = []string{"id", "buyer_id", "type", "title", "products", "status", "start_on", "end_on",
	"slot_fee_cents", "commission_pct", "sample_cost_cents", "views", "viewers", "clicks", "orders", "units",
	"gmv_cents", "refund_cents", "interactions", "net_gmv_cents", "aov_cents", "conversion_pct", "gpm_cents",
	"commission_cents", "total_cost_cents", "roi", "brand_rating", "shared_feedback", "internal_notes",
	"created_by", "created_at", "updated_at"}

func i64s(v int64) string { return strconv.FormatInt(v, 10) }

func optI64(v *int64) string {
	if v == nil {
		return ""
	}
	return i64s(*v)
}

// ExportCollaborations streams the filtered collaborations as CSV.
func (h *Handlers) ExportCollaborations(c *gin.Context) error {
	q, err := collaborationQuery(c)
	if err != nil {
		return err
	}
	w := startCSV(c, "collaborations.csv")
	_ = w.Write(collabExportHeader)
	rec := make([]string, len(collabExportHeader))
	n := 0
	err = h.Store.EachCollaboration(c.Request.Context(), brandID(c), q, func(m *models.Collaboration) error {
		k := m.KPIs()
		mt := m.Metrics
		conv, roi, rating := "", "", ""
		if k.ConversionPct != nil {
			conv = k.ConversionPct.String()
		}
		if k.ROI != nil {
			roi = k.ROI.String()
		}
		if m.BrandRating != nil {
			rating = strconv.Itoa(*m.BrandRating)
		}
		// Text cells go through SpreadsheetText (cellsafe.go); numbers stay numbers.
		rec = append(rec[:0], i64s(m.ID), i64s(m.BuyerID), string(m.Type), SpreadsheetText(m.Title),
			SpreadsheetText(strings.Join(m.Products, productSep)),
			string(m.Status), string(m.StartOn), string(m.EndOn), i64s(m.SlotFeeCents), m.CommissionPct.String(),
			i64s(m.SampleCostCents), i64s(mt.Views), i64s(mt.Viewers), i64s(mt.Clicks), i64s(mt.Orders), i64s(mt.Units),
			i64s(mt.GMVCents), i64s(mt.RefundCents), i64s(mt.Interactions), i64s(k.NetGMVCents), optI64(k.AOVCents), conv,
			optI64(k.GPMCents), i64s(k.CommissionCents), i64s(k.TotalCostCents), roi, rating, SpreadsheetText(m.SharedFeedback),
			SpreadsheetText(m.InternalNotes), optI64(m.CreatedBy), rfc3339(m.CreatedAt), rfc3339(m.UpdatedAt))
		if err := w.Write(rec); err != nil {
			return err
		}
		if n++; n%1000 == 0 {
			w.Flush()
		}
		return w.Error()
	})
	w.Flush()
	return exportEnded(c, err)
}

// exportEnded records an error that happened after the 200 went out: the
// status cannot change any more, so the file just ends early and the error
// is attached to the request for the log.
func exportEnded(c *gin.Context, err error) error {
	if err != nil {
		_ = c.Error(err)
	}
	return nil
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// buyerExportHeader are the columns of the buyers export.
var buyerExportHeader = []string{"id", "name", "xhs_id", "avatar_url", "city", "followers", "interest_circles",
	"categories", "tags", "stage", "status", "owner_id", "commission_pct", "contact_wechat", "contact_phone",
	"contact_email", "notes", "collaborations", "gmv_cents_total", "gmv_cents_90d", "last_collaboration_on",
	"health_score", "health_label", "created_at", "updated_at"}

// ExportBuyers streams the filtered buyers list as CSV.
func (h *Handlers) ExportBuyers(c *gin.Context) error {
	q, err := buyerQuery(c)
	if err != nil {
		return err
	}
	w := startCSV(c, "buyers.csv")
	_ = w.Write(buyerExportHeader)
	rec := make([]string, len(buyerExportHeader))
	n := 0
	err = h.Store.EachBuyer(c.Request.Context(), brandID(c), q, func(b *models.Buyer) error {
		xhs := ""
		if b.XhsID != nil {
			xhs = *b.XhsID
		}
		// Text cells go through SpreadsheetText (cellsafe.go); numbers stay numbers.
		t := SpreadsheetText
		rec = append(rec[:0], i64s(b.ID), t(b.Name), t(xhs), t(b.AvatarURL), t(b.City), i64s(b.Followers),
			t(strings.Join(b.InterestCircles, productSep)), t(strings.Join(b.Categories, productSep)), t(strings.Join(b.Tags, productSep)),
			string(b.Stage), string(b.Status), optI64(b.OwnerID), b.CommissionPct.String(), t(b.ContactWechat),
			t(b.ContactPhone), t(b.ContactEmail), t(b.Notes), i64s(b.StatCollaborations), i64s(b.GMVCentsTotal),
			i64s(b.GMVCents90d), string(b.LastCollaborationOn), strconv.Itoa(b.HealthScore), b.HealthLabel,
			rfc3339(b.CreatedAt), rfc3339(b.UpdatedAt))
		if err := w.Write(rec); err != nil {
			return err
		}
		if n++; n%1000 == 0 {
			w.Flush()
		}
		return w.Error()
	})
	w.Flush()
	return exportEnded(c, err)
}
