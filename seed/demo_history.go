package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"huoban/models"
	"huoban/store"
)

// DemoBrand is the demo brand as the history steps see it: who writes, the
// day the history leads up to, the buyers made, and a seeded random source
// (the demo is the same every time it is made on the same day).
type DemoBrand struct {
	Actor  store.Actor
	Today  models.Date
	Buyers []DemoBuyerRef
	Rand   *rand.Rand
	clock  *Clock // nil: writes are dated when they are made
}

// DemoBuyerRef is one demo buyer: its id, name and target stage.
type DemoBuyerRef struct {
	ID    int64
	Name  string
	Stage models.Stage
	Types []models.CollabType // how this buyer sells, most used first
}

// DemoStep adds one part of the demo's history. Later features (plans,
// reviews, the calendar) add their own step to DemoSteps.
type DemoStep struct {
	Name string
	Run  func(ctx context.Context, s *store.Store, d *DemoBrand) error
}

// DemoSteps are the parts of the demo's history, in order: the
// collaborations first (milestones follow from them), then capability
// snapshots, goals (met and missed) and the timeline with follow-ups.
var DemoSteps = []DemoStep{
	{"collaborations", demoCollaborations},
	{"stages", demoStages},
	{"capabilities", demoCapabilities},
	{"goals", demoGoals},
	{"activities", demoActivities},
	{"milestones", demoManualMilestones},
}

// collabsPerStage is how many collaborations half a year holds for a buyer
// at a stage: none for a prospect (a new buyer), a few for a trial, a
// steady run for partners and core partners, old ones for a paused buyer.
var collabsPerStage = map[models.Stage][2]int{
	models.StageProspect: {0, 0}, models.StageTrial: {1, 3}, models.StagePartner: {5, 8},
	models.StageCore: {9, 13}, models.StagePaused: {2, 3},
}

// gmvRange is a completed collaboration's GMV in yuan by type.
var gmvRange = map[models.CollabType][2]int64{
	models.CollabLivestream: {18_000, 160_000}, models.CollabNote: {2_000, 16_000},
	models.CollabShopWindow: {1_500, 9_000}, models.CollabSeeding: {0, 2_500},
}

var titles = map[models.CollabType][]string{
	models.CollabLivestream: {"周末专场直播", "新品首发直播", "夜场直播", "品牌日直播", "返场直播"},
	models.CollabNote:       {"种草笔记", "测评笔记", "好物合集笔记", "教程笔记"},
	models.CollabShopWindow: {"小清单上新", "小清单常驻款", "节日小清单"},
	models.CollabSeeding:    {"寄样体验", "新品寄样", "试用反馈"},
}

var products = []string{"山茶花精华油", "保湿面霜", "便携收纳盒", "拼豆套装", "露营折叠椅", "冷萃咖啡", "猫咪冻干", "宝宝辅食碗", "香氛蜡烛", "速干T恤"}

func between(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// demoCollaborations writes half a year of collaborations per buyer: most
// completed, with the metrics a real one has; a core partner grows over the
// half year, a paused buyer stopped three months ago; a few are planned,
// one is in progress and one was cancelled.
func demoCollaborations(ctx context.Context, s *store.Store, d *DemoBrand) error {
	r := d.Rand
	for bi, b := range d.Buyers {
		span := collabsPerStage[b.Stage]
		n := int(between(r, int64(span[0]), int64(span[1])))
		for i := 0; i < n; i++ {
			// Spread over the last half year, oldest first; a paused
			// buyer's run ended about four months ago.
			ago := 175 - i*165/n - r.IntN(10)
			if b.Stage == models.StagePaused {
				ago = 175 - i*20 - r.IntN(10)
			}
			typ := b.Types[0]
			if i%3 == 2 && len(b.Types) > 1 {
				typ = b.Types[1+i%(len(b.Types)-1)]
			}
			if b.Stage == models.StageCore && i%2 == 1 {
				typ = models.CollabLivestream // a core partner sells live too
			}
			if i == 0 && b.Stage == models.StageCore {
				typ = models.CollabSeeding // partnerships start with samples
			}
			c := demoCollab(r, b, typ, d.Today.AddDays(-ago), float64(i+1)/float64(n))
			if err := s.CreateCollaboration(ctx, d.Actor, &c, true); err != nil {
				return fmt.Errorf("collaboration of %s: %w", b.Name, err)
			}
		}
		// What comes next for the working partnerships.
		if b.Stage == models.StageCore || b.Stage == models.StagePartner {
			c := demoCollab(r, b, b.Types[0], d.Today.AddDays(int(between(r, 3, 20))), 1)
			c.Status, c.Metrics, c.BrandRating, c.SharedFeedback = models.CollabPlanned, models.Metrics{}, nil, ""
			if err := s.CreateCollaboration(ctx, d.Actor, &c, true); err != nil {
				return err
			}
		}
		if bi == 0 {
			c := demoCollab(r, b, models.CollabLivestream, d.Today.AddDays(-1), 1)
			c.Status, c.Metrics.RefundCents, c.BrandRating = models.CollabInProgress, 0, nil
			c.Title, c.EndOn = "连播三天·进行中", d.Today.AddDays(1)
			if err := s.CreateCollaboration(ctx, d.Actor, &c, true); err != nil {
				return err
			}
		}
		if bi == 3 {
			c := demoCollab(r, b, models.CollabLivestream, d.Today.AddDays(-40), 0.5)
			c.Status, c.Metrics, c.BrandRating = models.CollabCancelled, models.Metrics{}, nil
			c.Title, c.InternalNotes = "因缺货取消的直播", "库存没跟上，下次提前两周锁货。"
			if err := s.CreateCollaboration(ctx, d.Actor, &c, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoCollab makes one completed collaboration; growth (0–1] scales its
// results up over the buyer's run.
func demoCollab(r *rand.Rand, b DemoBuyerRef, typ models.CollabType, on models.Date, growth float64) models.Collaboration {
	g := gmvRange[typ]
	scale := 0.55 + 0.45*growth
	if b.Stage == models.StageTrial {
		scale *= 0.6
	}
	yuan := int64(float64(between(r, g[0], g[1])) * scale)
	gmv := yuan*100 + between(r, 0, 99)
	if typ == models.CollabSeeding && r.IntN(3) == 0 {
		gmv = 0 // a seeding that sold nothing (yet)
	}
	aov := between(r, 6_000, 22_000) // ¥60–¥220
	orders := gmv / aov
	views := max(orders*between(r, 40, 120), between(r, 800, 3000))
	m := models.Metrics{Views: views, Clicks: views / between(r, 8, 20), Orders: orders,
		Units: orders + orders/between(r, 3, 8), GMVCents: gmv, RefundCents: gmv * between(r, 1, 7) / 100,
		Interactions: views / between(r, 15, 40)}
	if typ == models.CollabLivestream {
		m.Viewers = views / between(r, 2, 4)
	}
	title := titles[typ][r.IntN(len(titles[typ]))]
	c := models.Collaboration{BuyerID: b.ID, Type: typ, Title: title, Status: models.CollabCompleted,
		Products: models.StringList{products[r.IntN(len(products))]}, StartOn: on, Metrics: m,
		SlotFeeCents: 0, SampleCostCents: between(r, 50, 400) * 100}
	if typ == models.CollabLivestream {
		c.SlotFeeCents = between(r, 10, 60) * 100_00
		c.EndOn = on
	}
	rating := int(between(r, 3, 5))
	c.BrandRating = &rating
	if rating == 5 {
		c.SharedFeedback = "节奏很好，讲解专业，返场数据也不错。"
	}
	return c
}

// demoCapabilities records three or four snapshots a buyer grows through.
func demoCapabilities(ctx context.Context, s *store.Store, d *DemoBrand) error {
	r := d.Rand
	for _, b := range d.Buyers {
		if b.Stage == models.StageProspect {
			continue
		}
		n := 3 + r.IntN(2)
		skus, sessions, viewers := between(r, 4, 10), between(r, 1, 3), between(r, 800, 3000)
		hitRate := between(r, 1200, 2500) // basis points of a percent: 12–25%
		for i := 0; i < n; i++ {
			growth := 1 + 0.25*float64(i)
			if b.Stage == models.StagePaused {
				growth = 1 - 0.1*float64(i)
			}
			snap := models.CapabilitySnapshot{BuyerID: b.ID, RecordedOn: d.Today.AddDays(-170 + i*170/n),
				SkusPerMonth: int64(float64(skus) * growth), CategoriesCovered: 1 + int64(i)/2,
				HitRatePct: models.Pct(float64(hitRate) * growth), ShopWindowItems: int64(float64(skus*3) * growth)}
			if b.Types[0] == models.CollabLivestream {
				snap.SessionsPerMonth = int64(float64(sessions) * growth)
				snap.AvgMinutes = between(r, 90, 180)
				snap.AvgViewers = int64(float64(viewers) * growth)
				snap.PeakViewers = snap.AvgViewers * between(r, 3, 6)
				snap.AvgGMVCents = between(r, 20_000, 90_000) * 100
			}
			if i == n-1 {
				snap.Assessment = "选品命中率稳定，直播节奏越来越熟练。"
			}
			if err := s.CreateCapability(ctx, d.Actor, &snap); err != nil {
				return err
			}
		}
	}
	return nil
}

// quarter returns the first and last day of the calendar quarter holding day.
func quarter(day models.Date) (models.Date, models.Date) {
	t := day.Time()
	first := time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	return models.DateOf(first), models.DateOf(first.AddDate(0, 3, -1))
}

// demoGoals sets, for each partner and core partner, last quarter's goals
// (one met, one missed, by what the collaborations did then) and this
// quarter's goal in progress; the periods are the real quarters.
func demoGoals(ctx context.Context, s *store.Store, d *DemoBrand) error {
	curStart, curEnd := quarter(d.Today)
	prevStart, prevEnd := quarter(curStart.AddDays(-1))
	for i, b := range d.Buyers {
		if b.Stage != models.StageCore && b.Stage != models.StagePartner {
			continue
		}
		done, err := completedIn(ctx, s, d, b.ID, prevStart, prevEnd)
		if err != nil {
			return err
		}
		if done.gmv > 0 {
			target := done.gmv * 8 / 10 // met
			title := "上季度成交目标"
			if i%2 == 1 {
				target, title = done.gmv*3/2, "上季度冲刺目标" // missed
			}
			g := models.Goal{BuyerID: b.ID, Title: title, Metric: models.MetricGMV, Target: roundYuan(target, 1000),
				PeriodStart: prevStart, PeriodEnd: prevEnd, SharedNote: "按季度复盘，一起看数据。"}
			if err := s.CreateGoal(ctx, d.Actor, &g); err != nil {
				return err
			}
		}
		g := models.Goal{BuyerID: b.ID, Title: "本季度完成 4 次合作", Metric: models.MetricCollaborations, Target: 4,
			PeriodStart: curStart, PeriodEnd: curEnd, SharedNote: "每月至少一次，节奏比单场爆发更重要。"}
		if b.Stage == models.StageCore {
			cur, err := completedIn(ctx, s, d, b.ID, curStart, d.Today)
			if err != nil {
				return err
			}
			g = models.Goal{BuyerID: b.ID, Title: "本季度成交额", Metric: models.MetricGMV,
				Target: roundYuan(max(cur.gmv*2, 5_000_000), 10_000), PeriodStart: curStart, PeriodEnd: curEnd,
				SharedNote: "本季度一起冲刺，缺货风险提前说。"}
		}
		if err := s.CreateGoal(ctx, d.Actor, &g); err != nil {
			return err
		}
	}
	return nil
}

// roundYuan rounds cents up to a whole multiple of step yuan.
func roundYuan(cents, step int64) int64 {
	unit := step * 100
	return (cents + unit - 1) / unit * unit
}

type periodResult struct{ count, gmv int64 }

// completedIn sums a buyer's completed collaborations started in [from, to].
func completedIn(ctx context.Context, s *store.Store, d *DemoBrand, buyerID int64, from, to models.Date) (periodResult, error) {
	var out periodResult
	err := s.EachCollaboration(ctx, d.Actor.BrandID, store.CollaborationQuery{BuyerID: buyerID,
		Status: string(models.CollabCompleted), From: from, To: to, Sort: "start_on"}, func(c *models.Collaboration) error {
		out.count++
		out.gmv += c.Metrics.GMVCents
		return nil
	})
	return out, err
}

var activityNotes = []struct {
	kind    models.ActivityKind
	summary string
}{
	{models.ActivityMeeting, "线下见面，聊了下季度选品方向和直播排期。"},
	{models.ActivityCall, "电话确认新品到货时间和专属价。"},
	{models.ActivityMessage, "微信同步了上场直播的数据复盘。"},
	{models.ActivitySampleSent, "寄出 3 款新品样品，请先试用再排期。"},
	{models.ActivityTraining, "给直播间做了一次产品卖点培训。"},
	{models.ActivityNote, "买手反馈粉丝想要大容量装，记下来。"},
}

// demoActivities writes a timeline per working buyer, with follow-ups
// overdue, due today and coming up, and some done.
func demoActivities(ctx context.Context, s *store.Store, d *DemoBrand) error {
	r := d.Rand
	now := d.Today.Time().Add(10 * time.Hour)
	for i, b := range d.Buyers {
		n := 2 + r.IntN(3)
		if b.Stage == models.StageProspect {
			n = 1
		}
		for j := 0; j < n; j++ {
			note := activityNotes[(i+j)%len(activityNotes)]
			act := models.Activity{BuyerID: b.ID, Kind: note.kind, Summary: note.summary,
				OccurredAt: now.AddDate(0, 0, -int(between(r, 1, 150)))}
			if j == n-1 {
				// The latest contact leaves something to follow up: overdue, today or soon.
				act.OccurredAt = now.AddDate(0, 0, -int(between(r, 1, 10)))
				act.FollowUpOn = d.Today.AddDays([]int{-3, 0, 2, 5, 9}[(i+j)%5])
				act.Done = i%7 == 6
			}
			if b.Stage == models.StageProspect {
				act.Kind, act.Summary = models.ActivityMessage, "初次私信，介绍品牌和合作方式，等对方回复。"
				act.FollowUpOn = d.Today.AddDays(1 + i%4)
			}
			if err := s.CreateActivity(ctx, d.Actor, &act); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoManualMilestones adds the milestones people note by hand.
func demoManualMilestones(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for _, b := range d.Buyers {
		if b.Stage != models.StageCore {
			continue
		}
		m := models.Milestone{BuyerID: b.ID, Title: "签订年度框架合作", AchievedOn: d.Today.AddDays(-60),
			Note: "双方约定全年固定排期和专属价。"}
		if err := s.AddManualMilestone(ctx, d.Actor, &m); err != nil {
			return err
		}
	}
	return nil
}
