package seed

import (
	"context"
	"fmt"

	"huoban/models"
	"huoban/store"
)

// demoProduct is one catalogue product; pool puts it in the selection pool
// with its note.
type demoProduct struct {
	name, sku, category string
	yuan                int64
	circles             []string
	pool                string
	retired             bool
}

var demoProducts = []demoProduct{
	{"拼豆套装·中号 72 色", "SCH-PD-072", "文创/手作材料", 89, []string{"拼豆", "手作", "亲子手工"}, "", false},
	{"拼豆补充装·莫兰迪色", "SCH-PD-M24", "文创/手作材料", 39, []string{"拼豆", "手作"}, "新色号，适合返场加购", false},
	{"露营折叠椅", "SCH-OD-CH1", "户外/露营装备", 159, []string{"露营", "户外"}, "", false},
	{"铝合金蛋卷桌", "SCH-OD-TB2", "户外/露营装备", 229, []string{"露营", "自驾"}, "冬季露营主推，含收纳袋", false},
	{"宝宝辅食碗套装", "SCH-BB-B03", "母婴/喂养", 129, []string{"母婴", "辅食"}, "", false},
	{"山茶花精华油 30ml", "SCH-SK-OIL", "美妆/护肤/精华", 268, []string{"护肤", "成分党"}, "", false},
	{"山茶花保湿面霜 50g", "SCH-SK-CRM", "美妆/护肤/面霜", 198, []string{"护肤", "敏感肌"}, "秋冬修护主推，可寄小样", false},
	{"冷萃咖啡液 12 支", "SCH-FD-CF12", "食品/咖啡", 69, []string{"咖啡", "办公室好物"}, "", false},
	{"猫咪冻干·鸡肉味", "SCH-PT-FD1", "宠物/猫粮", 99, []string{"萌宠", "猫"}, "", false},
	{"猫咪冻干·三文鱼新口味", "SCH-PT-FD2", "宠物/猫粮", 109, []string{"萌宠", "猫"}, "新口味首发，前 100 单送试吃装", false},
	{"山茶花香氛蜡烛", "SCH-HM-CDL", "家居/香氛", 128, []string{"生活方式", "花艺"}, "", false},
	{"便携收纳盒三件套", "SCH-HM-BOX", "家居/收纳", 59, []string{"收纳", "极简"}, "", false},
	{"速干 T 恤", "SCH-AP-TEE", "服饰/户外服装", 119, []string{"露营", "穿搭"}, "", false},
	{"旧款保湿喷雾", "SCH-SK-MST", "美妆/护肤/修护", 79, []string{"护肤"}, "", true},
}

// demoCatalogue writes the product catalogue (several in the selection
// pool, one retired) and names the products a few recent collaborations
// sold, their items' GMV a share of the collaboration's.
func demoCatalogue(ctx context.Context, s *store.Store, d *DemoBrand) error {
	byCat := map[string][]models.Product{}
	for _, dp := range demoProducts {
		p := models.Product{Name: dp.name, SKU: dp.sku, Category: dp.category, PriceCents: dp.yuan * 100,
			Circles: models.StringList(dp.circles), Status: models.ProductActive, InPool: dp.pool != "", PoolNote: dp.pool}
		if dp.retired {
			p.Status = models.ProductRetired
		}
		if err := s.CreateProduct(ctx, d.Actor, &p); err != nil {
			return fmt.Errorf("product %s: %w", dp.name, err)
		}
		if !dp.retired {
			byCat[dp.category] = append(byCat[dp.category], p)
		}
	}
	d.products = byCat
	// The recent completed collaborations with sales of buyers whose
	// categories the catalogue holds: up to two per buyer, newest first.
	for _, b := range d.Buyers {
		prods := d.productsFor(b.ID)
		if len(prods) == 0 {
			continue
		}
		recent, err := completedSince(ctx, s, d, b.ID, d.Today.AddDays(-75))
		if err != nil {
			return err
		}
		n := 0
		for _, c := range recent {
			if c.Metrics.GMVCents == 0 || n == 2 {
				continue
			}
			n++
			if err := nameItems(ctx, s, d, c, prods); err != nil {
				return err
			}
		}
	}
	return nil
}

// completedSince returns a buyer's completed collaborations started on or
// after from, newest first.
func completedSince(ctx context.Context, s *store.Store, d *DemoBrand, buyerID int64, from models.Date) ([]models.Collaboration, error) {
	var out []models.Collaboration
	err := s.EachCollaboration(ctx, d.Actor.BrandID, store.CollaborationQuery{BuyerID: buyerID,
		Status: string(models.CollabCompleted), From: from, Sort: "start_on", Desc: true}, func(c *models.Collaboration) error {
		out = append(out, *c)
		return nil
	})
	return out, err
}

// nameItems names the catalogue products a collaboration sold: the first
// product 60% of its GMV, the second 25%, the rest sold outside the catalogue.
func nameItems(ctx context.Context, s *store.Store, d *DemoBrand, r models.Collaboration, prods []models.Product) error {
	shares := []int64{60, 25}
	items := make([]models.CollabItem, 0, len(shares))
	for i, p := range prods {
		if i == len(shares) {
			break
		}
		gmv := r.Metrics.GMVCents * shares[i] / 100
		items = append(items, models.CollabItem{ProductID: p.ID, GMVCents: gmv, Units: max(1, gmv/p.PriceCents)})
	}
	_, err := s.UpdateCollaboration(ctx, d.Actor, r.ID, func(c *models.Collaboration) error {
		c.Items = items
		return nil
	})
	if err != nil {
		return fmt.Errorf("items of collaboration %d: %w", r.ID, err)
	}
	return nil
}

// productsFor returns the active catalogue products in a buyer's categories.
func (d *DemoBrand) productsFor(buyerID int64) []models.Product {
	var out []models.Product
	for _, db := range demoBuyers {
		b, err := d.buyerNamed(db.name)
		if err != nil || b.ID != buyerID {
			continue
		}
		for _, c := range db.cats {
			out = append(out, d.products[c]...)
		}
	}
	return out
}

// demoSelection is one selection decision: by the brand, or (interested)
// by the buyer in the portal.
type demoSelection struct {
	buyer, sku string
	decision   models.Decision
	reason     string
}

var demoSelectionList = []demoSelection{
	{"林小拼", "SCH-PD-072", models.DecisionPicked, "长期款，每场必带"},
	{"拼豆工坊小满", "SCH-PD-072", models.DecisionTrial, "先试一场亲子拼豆直播"},
	{"阿野露营日记", "SCH-OD-CH1", models.DecisionPicked, "周末露营场主推"},
	{"北漂露营人", "SCH-OD-TB2", models.DecisionDeclined, "自驾场景用不上，太重"},
	{"豆豆妈育儿笔记", "SCH-BB-B03", models.DecisionPicked, "辅食专场固定款"},
	{"Vivi的护肤实验室", "SCH-SK-OIL", models.DecisionPicked, "成分过关，适合做对比测评"},
	{"敏感肌自救指南", "SCH-SK-CRM", models.DecisionTrial, "先寄小样给粉丝试用"},
	{"咖啡因小姐", "SCH-FD-CF12", models.DecisionDeclined, "和已合作品牌撞品"},
	{"猫咪研究所", "SCH-PT-FD1", models.DecisionPicked, "复购率高"},
	{"林小拼", "SCH-PD-M24", models.DecisionInterested, "返场想加购新色号"},
	{"猫咪研究所", "SCH-PT-FD2", models.DecisionInterested, "想做新口味首发"},
}

// demoSelections records the selection log: picked, declined and trial by
// the brand, and interest a buyer showed in a pool product in the portal.
func demoSelections(ctx context.Context, s *store.Store, d *DemoBrand) error {
	bySKU := map[string]int64{}
	for _, ps := range d.products {
		for _, p := range ps {
			bySKU[p.SKU] = p.ID
		}
	}
	for _, ds := range demoSelectionList {
		b, err := d.buyerNamed(ds.buyer)
		if err != nil {
			return err
		}
		sel := &models.Selection{BuyerID: b.ID, ProductID: bySKU[ds.sku], Decision: ds.decision, Reason: ds.reason}
		if ds.decision == models.DecisionInterested {
			user, ok := d.portal[b.ID]
			if !ok {
				return fmt.Errorf("%s has no portal account", ds.buyer)
			}
			_, err = s.PortalSelect(ctx, user, sel)
		} else {
			_, err = s.CreateSelection(ctx, d.Actor, sel)
		}
		if err != nil {
			return fmt.Errorf("selection %s %s: %w", ds.buyer, ds.sku, err)
		}
	}
	return nil
}

// demoReviewText is one review (复盘) of a buyer's latest completed livestream.
type demoReviewText struct {
	buyer, wentWell, toImprove, internal string
	shared                               bool
	brandAction, buyerAction             string
}

var demoReviewTexts = []demoReviewText{
	{"猫咪研究所", "开场 10 分钟冲到在线峰值，冻干试吃环节转化很高。", "库存预警太晚，后半场断货 20 分钟。",
		"下次开播前一天锁定 1.5 倍库存。", true, "提前一周确认备货量", "开播前发预热笔记"},
	{"林小拼", "教程式讲解让新手下单更放心，客单价提升。", "返场链接上架慢，错过一波流量。",
		"她的粉丝对新色号很敏感，新品先给她。", true, "返场链接提前挂好", "直播后 3 天内发复盘笔记"},
	{"豆豆妈育儿笔记", "宝妈粉丝信任度高，退货率很低。", "讲解时长偏长，节奏可以更紧凑。",
		"", false, "整理卖点话术卡给主播", ""},
	{"阿野露营日记", "户外实景直播氛围好，折叠椅卖爆。", "夜间画面偏暗，影响展示细节。",
		"考虑赞助补光灯。", false, "寄一套补光设备", "下场改到傍晚开播"},
}

// demoReviews writes reviews of a few completed collaborations with their
// next actions, some shared with the buyer; a brand action with a due day
// becomes a follow-up.
func demoReviews(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for i, rt := range demoReviewTexts {
		b, err := d.buyerNamed(rt.buyer)
		if err != nil {
			return err
		}
		recent, err := completedSince(ctx, s, d, b.ID, d.Today.AddDays(-180))
		if err != nil {
			return err
		}
		var id int64
		for _, c := range recent { // the latest livestream, else the latest one
			if id == 0 || c.Type == models.CollabLivestream {
				id = c.ID
			}
			if c.Type == models.CollabLivestream {
				break
			}
		}
		if id == 0 {
			return fmt.Errorf("%s has no completed collaboration to review", rt.buyer)
		}
		due := d.Today.AddDays(3 + 4*i)
		r := &models.Review{CollaborationID: id, WentWell: rt.wentWell, ToImprove: rt.toImprove,
			InternalNotes: rt.internal, Shared: rt.shared,
			Actions: []models.ReviewAction{{Text: rt.brandAction, Side: models.SideBrand, DueOn: &due}}}
		if rt.buyerAction != "" {
			r.Actions = append(r.Actions, models.ReviewAction{Text: rt.buyerAction, Side: models.SideBuyer})
		}
		if err := s.CreateReview(ctx, d.Actor, r); err != nil {
			return fmt.Errorf("review for %s: %w", rt.buyer, err)
		}
	}
	return nil
}
