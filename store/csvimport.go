package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"huoban/models"
)

// ImportRow is one parsed line of a collaborations CSV file.
type ImportRow struct {
	// Row is the record's number in the file; the header is row 1.
	Row int
	// BuyerID and BuyerXhsID name the buyer; at least one is set by a valid row.
	BuyerID    int64
	BuyerXhsID string
	// C is the collaboration; BrandID, BuyerID and the server-owned fields are set here.
	C models.Collaboration
	// InheritCommission uses the buyer's commission_pct (the cell was empty).
	InheritCommission bool
	// Problems are what parsing already found wrong with the row.
	Problems []models.RowError
	// Items name catalogue products by SKU (the items column).
	Items []ImportItem
}

// ImportItem is one product of an imported collaboration, named by SKU.
type ImportItem struct {
	SKU      string
	Units    int64
	GMVCents int64
}

// MaxImportProblems caps the problems reported for one file; the message says
// when more were found.
const MaxImportProblems = 10000

// importBatch is the number of rows per multi-row INSERT.
const importBatch = 500

// collabColumns are the columns a bulk insert writes, in order.
var collabColumns = []string{"brand_id", "buyer_id", "type", "title", "products", "status", "start_on", "end_on",
	"slot_fee_cents", "commission_bp", "sample_cost_cents", "views", "viewers", "clicks", "orders", "units",
	"gmv_cents", "refund_cents", "interactions", "roi_e4", "brand_rating", "shared_feedback", "internal_notes",
	"created_by", "created_at", "updated_at", "starts_at", "duration_minutes"}

// insertSQL returns a multi-row INSERT of collaborations for n rows. On
// PostgreSQL (numbered) the placeholders are $1, $2, … and the statement
// returns the new ids, which concurrent writers may interleave.
func insertSQL(n int, numbered bool) string {
	if !numbered {
		row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(collabColumns)), ",") + ")"
		return "INSERT INTO collaborations (" + strings.Join(collabColumns, ",") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+",", n), ",")
	}
	var b strings.Builder
	b.WriteString("INSERT INTO collaborations (" + strings.Join(collabColumns, ",") + ") VALUES ")
	p := 0
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range collabColumns {
			if c > 0 {
				b.WriteByte(',')
			}
			p++
			b.WriteString("$" + strconv.Itoa(p))
		}
		b.WriteByte(')')
	}
	b.WriteString(" RETURNING id")
	return b.String()
}

// appendCollabArgs appends c's column values in collabColumns order.
func appendCollabArgs(args []any, c *models.Collaboration) []any {
	products, _ := c.Products.Value()
	endOn, _ := c.EndOn.Value()
	var roi, rating, by any
	if c.ROI != nil {
		roi = int64(*c.ROI)
	}
	if c.BrandRating != nil {
		rating = *c.BrandRating
	}
	if c.CreatedBy != nil {
		by = *c.CreatedBy
	}
	var startsAt, duration any
	if c.StartsAt != nil {
		startsAt = c.StartsAt.UTC()
	}
	if c.DurationMinutes != nil {
		duration = int64(*c.DurationMinutes)
	}
	m := &c.Metrics
	return append(args, c.BrandID, c.BuyerID, string(c.Type), c.Title, products, string(c.Status), string(c.StartOn), endOn,
		c.SlotFeeCents, int64(c.CommissionPct), c.SampleCostCents, m.Views, m.Viewers, m.Clicks, m.Orders, m.Units,
		m.GMVCents, m.RefundCents, m.Interactions, roi, rating, c.SharedFeedback, c.InternalNotes,
		by, c.CreatedAt, c.UpdatedAt, startsAt, duration)
}

// bulkInserter writes collaborations in multi-row INSERTs through one
// prepared statement per batch size.
type bulkInserter struct {
	ctx  context.Context
	pool gorm.ConnPool
	full *sql.Stmt
	rows int
	args []any
	// returning is set on PostgreSQL: the INSERTs return their ids, kept in
	// minID and maxID, since ids need not be consecutive there.
	returning    bool
	minID, maxID int64
	// ids are the returned ids, in order (PostgreSQL).
	ids []int64
}

func newBulkInserter(ctx context.Context, tx *gorm.DB) *bulkInserter {
	return &bulkInserter{ctx: ctx, pool: tx.Statement.ConnPool, args: make([]any, 0, importBatch*len(collabColumns)),
		returning: isPostgres(tx)}
}

func (b *bulkInserter) add(c *models.Collaboration) error {
	b.args = appendCollabArgs(b.args, c)
	b.rows++
	if b.rows == importBatch {
		return b.flush()
	}
	return nil
}

func (b *bulkInserter) flush() error {
	if b.rows == 0 {
		return nil
	}
	var err error
	if b.returning {
		err = b.insertReturning()
	} else if b.rows == importBatch {
		if b.full == nil {
			if b.full, err = b.pool.PrepareContext(b.ctx, insertSQL(importBatch, false)); err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.pool.ExecContext(b.ctx, insertSQL(b.rows, false), b.args...)
	}
	b.rows, b.args = 0, b.args[:0]
	return err
}

// insertReturning runs the pending INSERT with RETURNING id and widens
// minID and maxID (PostgreSQL).
func (b *bulkInserter) insertReturning() error {
	rows, err := b.pool.QueryContext(b.ctx, insertSQL(b.rows, true), b.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		b.ids = append(b.ids, id)
		if b.minID == 0 || id < b.minID {
			b.minID = id
		}
		b.maxID = max(b.maxID, id)
		b.ids = append(b.ids, id)
	}
	return rows.Err()
}

func (b *bulkInserter) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// importBuyer is what an import needs to know of a buyer.
type importBuyer struct {
	ID            int64
	CommissionPct models.Pct `gorm:"column:commission_bp"`
}

// ImportCollaborations reads rows from each and inserts them all in one
// transaction, or none when any row has a problem: then the error is a
// ValidationError listing every problem. Buyers are looked up only within
// the actor's brand. With dryRun nothing is written and the count is the
// number of rows that would be created. Stats are updated for every buyer
// touched and one audit entry records the import.
func (s *Store) ImportCollaborations(ctx context.Context, a Actor, dryRun bool,
	each func(yield func(*ImportRow) error) error) (int, error) {
	count := 0
	err := s.writeUpkeep(ctx, func(tx *gorm.DB, up *Upkeep) error {
		byID, byXhs, err := loadImportBuyers(tx, a.BrandID)
		if err != nil {
			return err
		}
		items := &importItems{}
		ins := newBulkInserter(ctx, tx)
		defer ins.close()
		var problems []models.RowError
		nProblems := 0
		touched := map[int64]bool{}
		now := s.now()
		var firstID int64
		yield := func(r *ImportRow) error {
			ps := r.Problems
			if r.BuyerID != 0 || r.BuyerXhsID != "" {
				ps = append(ps, resolveImportBuyer(r, byID, byXhs)...)
			}
			if len(r.Items) > 0 {
				p, err := items.resolve(tx, a.BrandID, r)
				if err != nil {
					return err
				}
				ps = append(ps, p...)
			}
			if len(ps) > 0 {
				nProblems += len(ps)
				if room := MaxImportProblems - len(problems); room > 0 {
					problems = append(problems, ps[:min(room, len(ps))]...)
				}
				return nil
			}
			count++
			if nProblems > 0 || dryRun {
				return nil
			}
			c := &r.C
			if r.InheritCommission {
				c.CommissionPct = byID[c.BuyerID].CommissionPct
			}
			by := a.UserID
			c.BrandID, c.CreatedAt, c.UpdatedAt, c.CreatedBy = a.BrandID, now, now, &by
			if a.UserID == 0 {
				c.CreatedBy = nil
			}
			c.ROI = c.KPIs().ROI
			touched[c.BuyerID] = true
			items.keep(count-1, c)
			return ins.add(c)
		}
		if err := each(yield); err != nil {
			return err
		}
		if nProblems > 0 {
			msg := strconv.Itoa(nProblems) + " problems found; nothing was imported"
			if nProblems > len(problems) {
				msg += " (the first " + strconv.Itoa(len(problems)) + " are listed)"
			}
			return &models.ValidationError{Message: msg, Rows: problems}
		}
		if dryRun || count == 0 {
			return nil
		}
		if err := ins.flush(); err != nil {
			return err
		}
		lastID := int64(0)
		if ins.returning {
			firstID, lastID = ins.minID, ins.maxID
		} else {
			// SQLite's single writer gives the import consecutive ids.
			if err := tx.Raw("SELECT MAX(id) - ? + 1 FROM collaborations", count).Scan(&firstID).Error; err != nil {
				return err
			}
			lastID = firstID + int64(count) - 1
		}
		if err := items.insert(tx, a.BrandID, func(k int) int64 {
			if ins.returning {
				return ins.ids[k]
			}
			return firstID + int64(k)
		}); err != nil {
			return err
		}
		ids := make([]int64, 0, len(touched))
		for id := range touched {
			ids = append(ids, id)
		}
		if err := s.afterCollaborationWrite(tx, up, a.BrandID, ids...); err != nil {
			return err
		}
		if err := s.RecordEvent(tx, a.BrandID, "collaborations.imported", importedEvent(count, firstID, ins.ids)); err != nil {
			return err
		}
		return audit(tx, a, "import", "collaboration", firstID, map[string]Change{
			"created": {To: count}, "first_id": {To: firstID}, "last_id": {To: lastID}})
	})
	return count, err
}

// loadImportBuyers returns the brand's buyers by id and by xhs_id.
func loadImportBuyers(tx *gorm.DB, brandID int64) (map[int64]importBuyer, map[string]int64, error) {
	rows, err := tx.Table("buyers").Scopes(brandScope(brandID)).Select("id, xhs_id, commission_bp").Rows()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byID, byXhs := map[int64]importBuyer{}, map[string]int64{}
	for rows.Next() {
		var b importBuyer
		var xhs sql.NullString
		if err := rows.Scan(&b.ID, &xhs, &b.CommissionPct); err != nil {
			return nil, nil, err
		}
		byID[b.ID] = b
		if xhs.Valid {
			byXhs[xhs.String] = b.ID
		}
	}
	return byID, byXhs, rows.Err()
}

// resolveImportBuyer sets r.C.BuyerID from buyer_id or buyer_xhs_id, which
// must agree when both are given.
func resolveImportBuyer(r *ImportRow, byID map[int64]importBuyer, byXhs map[string]int64) []models.RowError {
	id := int64(0)
	if r.BuyerXhsID != "" {
		x, ok := byXhs[r.BuyerXhsID]
		if !ok {
			return []models.RowError{models.RowProblem(r.Row, "buyer_xhs_id", models.UnknownRef("buyer"))}
		}
		id = x
	}
	if r.BuyerID != 0 {
		if _, ok := byID[r.BuyerID]; !ok {
			return []models.RowError{models.RowProblem(r.Row, "buyer_id", models.UnknownRef("buyer"))}
		}
		if id != 0 && id != r.BuyerID {
			return []models.RowError{models.RowProblem(r.Row, "buyer_xhs_id", models.Custom("buyer_mismatch", nil, "names a different buyer than buyer_id"))}
		}
		id = r.BuyerID
	}
	r.C.BuyerID = id
	return nil
}

// ImportedEvent is the data of the one collaborations.imported event an
// import makes, however many rows it had: {"count": N, "ids": [...]}. The ids
// are listed only when the event is encoded, that is when an endpoint wants it.
type ImportedEvent struct {
	count    int
	firstID  int64
	returned []int64
}

// importedEvent describes an import: the ids PostgreSQL returned, or on
// SQLite, whose single writer numbers an import's rows consecutively, the
// run of count ids from firstID.
func importedEvent(count int, firstID int64, returned []int64) *ImportedEvent {
	return &ImportedEvent{count: count, firstID: firstID, returned: returned}
}

// MarshalJSON encodes the event's data with every id.
func (e *ImportedEvent) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32+e.count*8)
	b = append(b, `{"count":`...)
	b = strconv.AppendInt(b, int64(e.count), 10)
	b = append(b, `,"ids":[`...)
	for i := 0; i < e.count; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		id := e.firstID + int64(i)
		if i < len(e.returned) {
			id = e.returned[i]
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return append(b, "]}"...), nil
}
