package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"time"

	"huoban/auth"
	"huoban/db"
	"huoban/models"
	"huoban/store"
)

// SyntheticOptions sizes a synthetic data set.
type SyntheticOptions struct {
	Buyers         int
	Collaborations int
	OwnerEmail     string
	OwnerPassword  string
	BrandName      string
	// Seed makes the data reproducible; 0 means 1.
	Seed int64
}

// SyntheticResult says what Synthetic created.
type SyntheticResult struct {
	BrandID        int64
	OwnerEmail     string
	Buyers         int
	Collaborations int
	Capabilities   int
}

// rowsPerStatement is the number of rows per multi-row INSERT; the
// parameter count stays under SQLite's limit of 32766.
const rowsPerStatement = 1000

// rowsPerTx is the number of rows per transaction, keeping the WAL bounded.
const rowsPerTx = 100_000

// Synthetic creates one brand with its owner, n buyers (with capability
// snapshots) and m collaborations spread over the last two years, then
// computes every buyer's stats with one aggregate UPDATE. Rows go in with
// raw multi-row INSERTs in large transactions on the writer connection.
func Synthetic(ctx context.Context, d *db.DB, s *store.Store, opt SyntheticOptions) (*SyntheticResult, error) {
	if opt.Buyers <= 0 {
		return nil, errors.New("--buyers must be at least 1")
	}
	if opt.Collaborations < 0 {
		return nil, errors.New("--collaborations must be >= 0")
	}
	if opt.OwnerEmail == "" {
		return nil, errors.New("--owner-email is required")
	}
	if err := auth.ValidatePassword(opt.OwnerPassword); err != nil {
		return nil, fmt.Errorf("--owner-password %w", err)
	}
	if _, err := s.UserByEmail(ctx, opt.OwnerEmail); err == nil {
		return nil, fmt.Errorf("a user %s already exists", opt.OwnerEmail)
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	if opt.BrandName == "" {
		opt.BrandName = "合成数据品牌"
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	hash, err := auth.NewHasher(0).Hash(opt.OwnerPassword)
	if err != nil {
		return nil, err
	}
	owner, err := s.RegisterBrand(ctx, opt.BrandName, store.NewUser{Name: "合成数据管理员", Email: opt.OwnerEmail, PasswordHash: hash})
	if err != nil {
		return nil, err
	}
	conn, err := d.W.DB()
	if err != nil {
		return nil, err
	}
	g := &generator{rng: rand.New(rand.NewSource(opt.Seed)), brandID: *owner.BrandID, ownerID: owner.ID,
		today: s.Today(), now: s.Now()}
	res := &SyntheticResult{BrandID: g.brandID, OwnerEmail: owner.Email, Buyers: opt.Buyers, Collaborations: opt.Collaborations}
	buyers, err := g.insertBuyers(ctx, conn, opt.Buyers)
	if err != nil {
		return nil, fmt.Errorf("buyers: %w", err)
	}
	if res.Capabilities, err = g.insertCapabilities(ctx, conn, buyers); err != nil {
		return nil, fmt.Errorf("capability snapshots: %w", err)
	}
	if err := withoutIndexes(ctx, conn, "collaborations", func() error {
		return g.insertCollaborations(ctx, conn, buyers, opt.Collaborations)
	}); err != nil {
		return nil, fmt.Errorf("collaborations: %w", err)
	}
	if err := s.RecomputeBrandStats(ctx, g.brandID); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := s.RecomputeBrandPartnerships(ctx, g.brandID); err != nil {
		return nil, fmt.Errorf("milestones and health: %w", err)
	}
	// Give the query planner statistics of the new data (sampled, so quick).
	if _, err := conn.ExecContext(ctx, "PRAGMA analysis_limit = 1000; ANALYZE"); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	return res, d.Checkpoint(ctx)
}

// withoutIndexes drops table's secondary indexes, runs load and creates them
// again from their recorded definitions: building an index once by sorting
// is much faster than updating it row by row at random. The writer's page
// cache is enlarged meanwhile.
func withoutIndexes(ctx context.Context, conn *sql.DB, table string, load func() error) error {
	rows, err := conn.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table)
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// 256 MiB of page cache while loading; the connection's default comes back after.
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "PRAGMA cache_size = -32000") //nolint:errcheck // best effort
	for _, n := range names {
		if _, err := conn.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
			return err
		}
	}
	loadErr := load()
	// Recreate the indexes whatever happened, so the schema stays whole.
	for _, d := range defs {
		if _, err := conn.ExecContext(ctx, d); err != nil {
			return errors.Join(loadErr, err)
		}
	}
	return loadErr
}

// generator makes realistic random rows.
type generator struct {
	rng     *rand.Rand
	brandID int64
	ownerID int64
	today   models.Date
	now     time.Time
}

// seedBuyer is what collaborations need to know of a generated buyer.
type seedBuyer struct {
	id         int64
	commission models.Pct
	weight     float64 // how active the buyer is; long-tailed
}

func (g *generator) pick(l []string) string { return l[g.rng.Intn(len(l))] }

// pickN returns 1..max distinct items of l.
func (g *generator) pickN(l []string, max int) []string {
	n := 1 + g.rng.Intn(max)
	out := make([]string, 0, n)
	for _, i := range g.rng.Perm(len(l))[:n] {
		out = append(out, l[i])
	}
	return out
}

// lognormal returns exp(N(mu, sigma)), a long-tailed positive number.
func (g *generator) lognormal(mu, sigma float64) float64 {
	return math.Exp(mu + sigma*g.rng.NormFloat64())
}

// bulk runs multi-row INSERTs of cols for rows produced by next, committing
// every rowsPerTx rows; next appends one row's values and reports whether
// there was a row. afterBatch receives the id of the last row of each statement.
func bulk(ctx context.Context, conn *sql.DB, table string, cols []string, total int,
	next func(args []any) []any, afterBatch func(lastID int64, rows int)) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	stmtSQL := func(n int) string {
		return "INSERT INTO " + table + " (" + strings.Join(cols, ",") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+",", n), ",")
	}
	args := make([]any, 0, rowsPerStatement*len(cols))
	for done := 0; done < total; {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		full, err := tx.PrepareContext(ctx, stmtSQL(rowsPerStatement))
		if err != nil {
			tx.Rollback()
			return err
		}
		for inTx := 0; inTx < rowsPerTx && done < total; {
			n := min(rowsPerStatement, total-done)
			args = args[:0]
			for i := 0; i < n; i++ {
				args = next(args)
			}
			var r sql.Result
			if n == rowsPerStatement {
				r, err = full.ExecContext(ctx, args...)
			} else {
				r, err = tx.ExecContext(ctx, stmtSQL(n), args...)
			}
			if err != nil {
				tx.Rollback()
				return err
			}
			if afterBatch != nil {
				last, _ := r.LastInsertId()
				afterBatch(last, n)
			}
			done += n
			inTx += n
		}
		full.Close()
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

var stages = []models.Stage{models.StageProspect, models.StageProspect, models.StageTrial, models.StageTrial,
	models.StagePartner, models.StagePartner, models.StageCore, models.StagePaused}

// insertBuyers inserts n buyers with their labels and returns them.
func (g *generator) insertBuyers(ctx context.Context, conn *sql.DB, n int) ([]seedBuyer, error) {
	cols := []string{"brand_id", "name", "xhs_id", "city", "followers", "interest_circles", "categories", "tags",
		"stage", "status", "owner_id", "commission_bp", "notes", "created_at", "updated_at"}
	buyers := make([]seedBuyer, 0, n)
	type labels struct {
		circles, cats, tags []string
		name, status        string
	}
	pending := make([]labels, 0, rowsPerStatement)
	var labelRows [][6]any
	i := 0
	err := bulk(ctx, conn, "buyers", cols, n, func(args []any) []any {
		i++
		l := labels{circles: g.pickN(circles, 3), cats: g.pickN(categories, 3), tags: g.pickN(tagWords, 2)}
		circ, _ := models.StringList(l.circles).Value()
		cats, _ := models.StringList(l.cats).Value()
		tags, _ := models.StringList(l.tags).Value()
		commission := models.Pct(500 + 100*g.rng.Intn(21)) // 5%–25%
		buyers = append(buyers, seedBuyer{commission: commission, weight: g.lognormal(0, 1.2)})
		created := g.now.AddDate(0, 0, -g.rng.Intn(730))
		name := g.pick(namePrefixes) + g.pick(nameCores) + g.pick(nameSuffixes)
		status := models.BuyerActive
		if g.rng.Intn(20) == 0 {
			status = models.BuyerArchived
		}
		l.name, l.status = name, string(status)
		pending = append(pending, l)
		return append(args, g.brandID, name, fmt.Sprintf("xhs_%d_%d", g.brandID, i), g.pick(cities),
			int64(g.lognormal(10, 1.3)), circ, cats, tags, string(stages[g.rng.Intn(len(stages))]), string(status),
			g.ownerID, int64(commission), "", created, created)
	}, func(last int64, rows int) {
		first := last - int64(rows) + 1
		base := len(buyers) - rows
		for k := 0; k < rows; k++ {
			id := first + int64(k)
			buyers[base+k].id = id
			l := pending[k]
			for _, v := range l.circles {
				labelRows = append(labelRows, [6]any{id, g.brandID, models.LabelCircle, v, l.status, l.name})
			}
			for _, v := range l.cats {
				labelRows = append(labelRows, [6]any{id, g.brandID, models.LabelCategory, v, l.status, l.name})
			}
			for _, v := range l.tags {
				labelRows = append(labelRows, [6]any{id, g.brandID, models.LabelTag, v, l.status, l.name})
			}
		}
		pending = pending[:0]
	})
	if err != nil {
		return nil, err
	}
	j := 0
	err = bulk(ctx, conn, "buyer_labels", []string{"buyer_id", "brand_id", "kind", "value", "status", "name"}, len(labelRows),
		func(args []any) []any {
			r := labelRows[j]
			j++
			return append(args, r[0], r[1], r[2], r[3], r[4], r[5])
		}, nil)
	return buyers, err
}

// insertCapabilities records 1–4 snapshots per buyer over the last two years.
func (g *generator) insertCapabilities(ctx context.Context, conn *sql.DB, buyers []seedBuyer) (int, error) {
	type snap struct {
		buyer int64
		day   models.Date
		scale float64
	}
	var snaps []snap
	for _, b := range buyers {
		k := 1 + g.rng.Intn(4)
		for s := 0; s < k; s++ {
			// Later snapshots show more capacity: buyers grow.
			day := g.today.AddDays(-730 + (s*730)/k + g.rng.Intn(730/k))
			snaps = append(snaps, snap{b.id, day, b.weight * (1 + 0.3*float64(s))})
		}
	}
	cols := []string{"brand_id", "buyer_id", "recorded_on", "skus_per_month", "categories_covered", "hit_rate_bp",
		"shop_window_items", "sessions_per_month", "avg_minutes", "avg_viewers", "peak_viewers", "avg_gmv_cents",
		"assessment", "recorded_by", "created_at"}
	i := 0
	err := bulk(ctx, conn, "capability_snapshots", cols, len(snaps), func(args []any) []any {
		s := snaps[i]
		i++
		viewers := int64(200 * s.scale * (0.5 + g.rng.Float64()))
		return append(args, g.brandID, s.buyer, string(s.day), int64(5+20*s.scale), int64(1+g.rng.Intn(6)),
			int64(1000+g.rng.Intn(5000)), int64(10+g.rng.Intn(80)), int64(g.rng.Intn(12)), int64(60+g.rng.Intn(180)),
			viewers, viewers*int64(2+g.rng.Intn(5)), int64(g.lognormal(13, 1)), g.pick(assessments), g.ownerID, g.now)
	}, nil)
	return len(snaps), err
}

var collabTypes = models.CollabTypes

// insertCollaborations inserts m collaborations over the buyers, weighted so
// a few buyers do most of the work (a long tail).
func (g *generator) insertCollaborations(ctx context.Context, conn *sql.DB, buyers []seedBuyer, m int) error {
	cum := make([]float64, len(buyers))
	total := 0.0
	for i, b := range buyers {
		total += b.weight
		cum[i] = total
	}
	cols := []string{"brand_id", "buyer_id", "type", "title", "products", "status", "start_on", "end_on",
		"slot_fee_cents", "commission_bp", "sample_cost_cents", "views", "viewers", "clicks", "orders", "units",
		"gmv_cents", "refund_cents", "interactions", "roi_e4", "brand_rating", "shared_feedback", "internal_notes",
		"created_by", "created_at", "updated_at"}
	return bulk(ctx, conn, "collaborations", cols, m, func(args []any) []any {
		b := buyers[searchCum(cum, g.rng.Float64()*total)]
		c := g.collaboration(b)
		products, _ := c.Products.Value()
		end, _ := c.EndOn.Value()
		var roi, rating any
		if c.ROI != nil {
			roi = int64(*c.ROI)
		}
		if c.BrandRating != nil {
			rating = *c.BrandRating
		}
		mt := c.Metrics
		return append(args, g.brandID, b.id, string(c.Type), c.Title, products, string(c.Status), string(c.StartOn), end,
			c.SlotFeeCents, int64(c.CommissionPct), c.SampleCostCents, mt.Views, mt.Viewers, mt.Clicks, mt.Orders, mt.Units,
			mt.GMVCents, mt.RefundCents, mt.Interactions, roi, rating, c.SharedFeedback, "", g.ownerID, c.CreatedAt, c.CreatedAt)
	}, nil)
}

// searchCum returns the first index whose cumulative weight reaches x.
func searchCum(cum []float64, x float64) int {
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// collaboration returns one realistic collaboration of buyer b.
func (g *generator) collaboration(b seedBuyer) models.Collaboration {
	typ := collabTypes[g.rng.Intn(len(collabTypes))]
	var status models.CollabStatus
	switch r := g.rng.Intn(100); {
	case r < 72:
		status = models.CollabCompleted
	case r < 82:
		status = models.CollabPlanned
	case r < 90:
		status = models.CollabInProgress
	default:
		status = models.CollabCancelled
	}
	age := g.rng.Intn(730)
	if status == models.CollabPlanned {
		age = g.rng.Intn(90) - 60 // mostly in the coming two months
	}
	start := g.today.AddDays(-age)
	c := models.Collaboration{Type: typ, Status: status, StartOn: start, EndOn: start.AddDays(g.rng.Intn(4)),
		Title:    g.pick(titleWords) + " · " + g.pick(productWords),
		Products: models.StringList(g.pickN(productWords, 3)), CommissionPct: b.commission,
		SampleCostCents: int64(g.rng.Intn(20)) * 1000, CreatedAt: g.now}
	if typ == models.CollabLivestream {
		c.SlotFeeCents = int64(g.lognormal(11, 0.8)) / 100 * 100
	}
	if status == models.CollabCompleted || status == models.CollabInProgress {
		gmv := int64(g.lognormal(12.5, 1.6) * b.weight)
		aov := int64(5000 + g.rng.Intn(25000))
		orders := gmv / aov
		views := int64(g.lognormal(9, 1.2)) + orders*20
		m := models.Metrics{Views: views, Viewers: views / int64(2+g.rng.Intn(4)), Clicks: views / int64(5+g.rng.Intn(20)),
			Orders: orders, Units: orders + orders/int64(3+g.rng.Intn(5)), GMVCents: gmv,
			RefundCents: gmv * int64(g.rng.Intn(15)) / 100, Interactions: views / int64(10+g.rng.Intn(40))}
		c.Metrics = m
		if status == models.CollabCompleted {
			r := 1 + g.rng.Intn(5)
			c.BrandRating = &r
			c.SharedFeedback = g.pick(assessments)
		}
	}
	c.ROI = c.KPIs().ROI
	return c
}
