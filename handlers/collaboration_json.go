package handlers

import "strconv"

// appendCollaboration appends r as encoding/json would encode it.
func appendCollaboration(b []byte, r *CollaborationResponse) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, r.ID, 10)
	b = append(b, `,"buyer_id":`...)
	b = strconv.AppendInt(b, r.BuyerID, 10)
	b = append(b, `,"type":`...)
	b = appendString(b, string(r.Type))
	b = append(b, `,"title":`...)
	b = appendString(b, r.Title)
	b = append(b, `,"products":`...)
	b = appendStrings(b, r.Products)
	b = append(b, `,"status":`...)
	b = appendString(b, string(r.Status))
	b = append(b, `,"start_on":`...)
	b = appendDate(b, r.StartOn)
	b = append(b, `,"end_on":`...)
	b = appendDate(b, r.EndOn)
	b = append(b, `,"slot_fee_cents":`...)
	b = strconv.AppendInt(b, r.SlotFeeCents, 10)
	b = append(b, `,"commission_pct":`...)
	b = append(b, r.CommissionPct.String()...)
	b = append(b, `,"sample_cost_cents":`...)
	b = strconv.AppendInt(b, r.SampleCostCents, 10)
	m := &r.Metrics
	b = append(b, `,"metrics":{"views":`...)
	b = strconv.AppendInt(b, m.Views, 10)
	b = append(b, `,"viewers":`...)
	b = strconv.AppendInt(b, m.Viewers, 10)
	b = append(b, `,"clicks":`...)
	b = strconv.AppendInt(b, m.Clicks, 10)
	b = append(b, `,"orders":`...)
	b = strconv.AppendInt(b, m.Orders, 10)
	b = append(b, `,"units":`...)
	b = strconv.AppendInt(b, m.Units, 10)
	b = append(b, `,"gmv_cents":`...)
	b = strconv.AppendInt(b, m.GMVCents, 10)
	b = append(b, `,"refund_cents":`...)
	b = strconv.AppendInt(b, m.RefundCents, 10)
	b = append(b, `,"interactions":`...)
	b = strconv.AppendInt(b, m.Interactions, 10)
	k := &r.KPIs
	b = append(b, `},"kpis":{"net_gmv_cents":`...)
	b = strconv.AppendInt(b, k.NetGMVCents, 10)
	b = append(b, `,"aov_cents":`...)
	b = appendOptInt(b, k.AOVCents)
	b = append(b, `,"conversion_pct":`...)
	if k.ConversionPct == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, k.ConversionPct.String()...)
	}
	b = append(b, `,"gpm_cents":`...)
	b = appendOptInt(b, k.GPMCents)
	b = append(b, `,"commission_cents":`...)
	b = strconv.AppendInt(b, k.CommissionCents, 10)
	b = append(b, `,"total_cost_cents":`...)
	b = strconv.AppendInt(b, k.TotalCostCents, 10)
	b = append(b, `,"roi":`...)
	if k.ROI == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, k.ROI.String()...)
	}
	b = append(b, `},"brand_rating":`...)
	if r.BrandRating == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*r.BrandRating), 10)
	}
	b = append(b, `,"shared_feedback":`...)
	b = appendString(b, r.SharedFeedback)
	b = append(b, `,"internal_notes":`...)
	b = appendString(b, r.InternalNotes)
	b = append(b, `,"created_by":`...)
	b = appendOptInt(b, r.CreatedBy)
	b = append(b, `,"created_at":`...)
	b = appendTime(b, r.CreatedAt)
	b = append(b, `,"updated_at":`...)
	b = appendTime(b, r.UpdatedAt)
	b = append(b, `,"starts_at":`...)
	if r.StartsAt == nil {
		b = append(b, "null"...)
	} else {
		b = appendTime(b, *r.StartsAt)
	}
	b = append(b, `,"duration_minutes":`...)
	if r.DurationMinutes == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*r.DurationMinutes), 10)
	}
	b = append(b, `,"items":`...)
	if r.Items == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"product_id":`...)
			b = strconv.AppendInt(b, r.Items[i].ProductID, 10)
			b = append(b, `,"units":`...)
			b = strconv.AppendInt(b, r.Items[i].Units, 10)
			b = append(b, `,"gmv_cents":`...)
			b = strconv.AppendInt(b, r.Items[i].GMVCents, 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}
