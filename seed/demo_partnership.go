package seed

import (
	"context"
	"fmt"

	"huoban/auth"
	"huoban/models"
	"huoban/store"
)

// buyerNamed returns the demo buyer called name.
func (d *DemoBrand) buyerNamed(name string) (DemoBuyerRef, error) {
	for _, b := range d.Buyers {
		if b.Name == name {
			return b, nil
		}
	}
	return DemoBuyerRef{}, fmt.Errorf("no demo buyer %s", name)
}

// demoPortalBuyers are the buyers who signed in to the portal: they agree
// to plans and say which pool products interest them.
var demoPortalBuyers = []struct{ name, email string }{
	{"林小拼", "linxp@buyer.huoban.local"},
	{"猫咪研究所", "cat_inst@buyer.huoban.local"},
}

// demoPortal gives two core partners a portal account, the way a buyer
// gets one: a buyer invite from the brand, accepted. Their password is a
// generated one nobody is told (the demo signs in as the brand).
func demoPortal(ctx context.Context, s *store.Store, d *DemoBrand) error {
	hash, err := auth.NewHasher(0).Hash(auth.RandomCode())
	if err != nil {
		return err
	}
	d.portal = map[int64]int64{}
	for _, p := range demoPortalBuyers {
		b, err := d.buyerNamed(p.name)
		if err != nil {
			return err
		}
		code := auth.RandomCode()
		if _, err := s.CreateInvite(ctx, d.Actor, models.RoleBuyer, p.email, &b.ID, auth.HashToken(code)); err != nil {
			return err
		}
		u, err := s.AcceptInvite(ctx, auth.HashToken(code), store.NewUser{Name: p.name, Email: p.email, PasswordHash: hash})
		if err != nil {
			return fmt.Errorf("portal account of %s: %w", p.name, err)
		}
		d.portal[b.ID] = u.ID
	}
	return nil
}

// demoPromise is one commitment of a demo plan and how it was settled:
// due and settled are days from today; status open leaves it open.
type demoPromise struct {
	side    models.Side
	kind    string
	text    string
	due     int
	status  models.CommitmentStatus
	settled int
	note    string
}

// demoPlan is one partnership plan of the demo, its period in days from
// today and how far it got: draft, proposed (the brand agreed, the buyer
// not yet) or agreed by both sides through the portal.
type demoPlan struct {
	buyer    string
	title    string
	from, to int
	status   models.PlanStatus
	promises []demoPromise
}

var demoPlans = []demoPlan{
	{"林小拼", "Q4 拼豆长期款共建计划", -56, 34, models.PlanAgreed, []demoPromise{
		{models.SideBrand, "exclusive_price", "长期款拼豆套装给到专属价 ¥89", -50, models.CommitmentKept, -49, "已在后台改价"},
		{models.SideBrand, "samples", "每月寄送新色号样品一套", -20, models.CommitmentKept, -21, ""},
		{models.SideBrand, "priority_stock", "双十二备货优先保障 2000 套", -3, models.CommitmentOpen, 0, ""},
		{models.SideBuyer, "livestreams", "每月至少 2 场拼豆专场直播", -30, models.CommitmentKept, -28, "10 月两场均已完成"},
		{models.SideBuyer, "notes", "发布 4 篇拼豆教程笔记", -10, models.CommitmentMissed, -8, "只发了 2 篇，下月补上"},
		{models.SideBuyer, "livestreams", "双十二返场直播 1 场", 20, models.CommitmentOpen, 0, ""},
	}},
	{"猫咪研究所", "年度框架合作·下半年", -150, 30, models.PlanAgreed, []demoPromise{
		{models.SideBrand, "co_marketing", "联合发布「猫咪冻干」新品海报与抽奖", -120, models.CommitmentKept, -118, ""},
		{models.SideBrand, "slot_budget", "下半年坑位费预算 ¥30,000", -60, models.CommitmentKept, -60, ""},
		{models.SideBrand, "training", "新品卖点培训一次", 14, models.CommitmentOpen, 0, ""},
		{models.SideBuyer, "livestreams", "每月 1 场宠物专场直播", -90, models.CommitmentKept, -88, ""},
		{models.SideBuyer, "notes", "冻干测评笔记 3 篇", -45, models.CommitmentKept, -40, ""},
		{models.SideBuyer, "new_category", "试推猫砂新品类", -15, models.CommitmentKept, -12, "首场猫砂试卖 300 单"},
	}},
	{"豆豆妈育儿笔记", "2027 春季母婴新品计划", 5, 95, models.PlanProposed, []demoPromise{
		{models.SideBrand, "samples", "春季新品提前 3 周寄样", 10, models.CommitmentOpen, 0, ""},
		{models.SideBrand, "exclusive_price", "辅食碗套装专属价 ¥129", 20, models.CommitmentOpen, 0, ""},
		{models.SideBuyer, "livestreams", "春季新品首发直播 2 场", 60, models.CommitmentOpen, 0, ""},
	}},
	{"阿野露营日记", "冬季露营专场计划（草稿）", 7, 60, models.PlanDraft, []demoPromise{
		{models.SideBrand, "priority_stock", "折叠椅与蛋卷桌备货 500 套", 14, models.CommitmentOpen, 0, ""},
		{models.SideBuyer, "livestreams", "元旦露营专场直播", 40, models.CommitmentOpen, 0, ""},
	}},
}

// demoPlansStep writes the partnership plans with both sides' promises:
// kept, missed, open and one overdue, through the same moves as the API
// (propose, agree, the buyer's agreement in the portal, settle).
func demoPlansStep(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for _, dp := range demoPlans {
		b, err := d.buyerNamed(dp.buyer)
		if err != nil {
			return err
		}
		ins := make([]store.CommitmentInput, 0, len(dp.promises))
		for _, p := range dp.promises {
			ins = append(ins, store.CommitmentInput{Side: p.side, Kind: p.kind, Description: p.text, DueOn: d.Today.AddDays(p.due)})
		}
		p := &models.Plan{BuyerID: b.ID, Title: dp.title, PeriodStart: d.Today.AddDays(dp.from), PeriodEnd: d.Today.AddDays(dp.to)}
		rec, err := s.CreatePlan(ctx, d.Actor, p, ins, nil)
		if err != nil {
			return fmt.Errorf("plan %s: %w", dp.title, err)
		}
		if dp.status == models.PlanDraft {
			continue
		}
		if _, err := s.ProposePlan(ctx, d.Actor, rec.ID); err != nil {
			return err
		}
		if _, err := s.AgreePlan(ctx, d.Actor, rec.ID); err != nil {
			return err
		}
		if dp.status == models.PlanAgreed {
			user, ok := d.portal[b.ID]
			if !ok {
				return fmt.Errorf("plan %s: %s has no portal account to agree with", dp.title, dp.buyer)
			}
			if _, err := s.PortalAgreePlan(ctx, user, rec.ID); err != nil {
				return err
			}
		}
		byText := make(map[string]demoPromise, len(dp.promises))
		for _, pr := range dp.promises {
			byText[pr.text] = pr
		}
		for _, c := range rec.Commitments {
			pr, ok := byText[c.Description]
			if !ok {
				return fmt.Errorf("plan %s: unexpected commitment %q", dp.title, c.Description)
			}
			if pr.status == models.CommitmentOpen {
				continue
			}
			st := store.Settlement{Status: pr.status, SettledOn: d.Today.AddDays(pr.settled)}
			if pr.note != "" {
				note := pr.note
				st.Note = &note
			}
			if _, err := s.SettleCommitment(ctx, d.Actor, c.ID, st); err != nil {
				return fmt.Errorf("settle %q: %w", pr.text, err)
			}
		}
	}
	return nil
}

// demoTierDefs are the brand's partner tiers, lowest first: the gold tier
// asks for promises kept as well as sales.
var demoTierDefs = []models.Tier{
	{Name: "铜牌伙伴", Rank: 1, GMVCents90d: 5_000_00, Completed90d: 1, Benefits: models.StringList{"新品寄样", "合作数据月报"}},
	{Name: "银牌伙伴", Rank: 2, GMVCents90d: 80_000_00, Completed90d: 2, PromisesKeptPct: 0,
		Benefits: models.StringList{"优先选品", "每月样品包", "佣金 +1%"}},
	{Name: "金牌伙伴", Rank: 3, GMVCents90d: 200_000_00, Completed90d: 3, PromisesKeptPct: 8000,
		Benefits: models.StringList{"优先选品", "专属价", "专属运营对接", "新品首发权"}},
}

// demoTiers defines the tiers (each write assigns every buyer's) and then
// runs the daily tier upkeep, so every buyer holds the tier its current
// numbers earn.
func demoTiers(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for _, t := range demoTierDefs {
		t := t
		t.Benefits = append(models.StringList(nil), t.Benefits...)
		if err := s.CreateTier(ctx, d.Actor, &t); err != nil {
			return fmt.Errorf("tier %s: %w", t.Name, err)
		}
	}
	return s.RefreshAllTiers(ctx)
}
