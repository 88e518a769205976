// Package seed fills a database with demo or synthetic data, on request only.
package seed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"huoban/auth"
	"huoban/models"
	"huoban/store"
)

// DemoResult says what Demo created and how to sign in.
type DemoResult struct {
	Brand    string
	Email    string
	Password string
	Buyers   int
}

// DemoEmail is the demo brand owner's sign-in.
const DemoEmail = "demo@huoban.local"

// ErrDemoExists is returned by Demo when the demo brand was made before.
var ErrDemoExists = errors.New("the demo brand already exists (owner " + DemoEmail + "); " +
	"run `huoban seed --demo --reset-password` to set a new password for it")

type demoBuyer struct {
	name, xhs, city string
	followers       int64
	circles, cats   []string
	tags            []string
	stage           models.Stage
	commissionPct   models.Pct
	wechat          string
	notes           string
}

var demoBuyers = []demoBuyer{
	{"林小拼", "xhs_pindou_lin", "杭州", 86000, []string{"拼豆", "手作"}, []string{"文创/手作材料", "家居/收纳"}, []string{"手作达人", "周更"}, models.StageCore, 1500, "linxp_diy", "拼豆圈头部，选品眼光稳，愿意一起做长期款。"},
	{"阿野露营日记", "camp_aye", "成都", 152000, []string{"露营", "户外"}, []string{"户外/露营装备", "食品/速食"}, []string{"直播", "周末场"}, models.StagePartner, 1200, "aye_camp", "每月固定两场户外直播。"},
	{"豆豆妈育儿笔记", "doudou_mama", "上海", 230000, []string{"母婴", "早教"}, []string{"母婴/喂养", "母婴/洗护"}, []string{"宝妈", "测评"}, models.StageCore, 1800, "doudoumama", "母婴圈信任度高，退货率低。"},
	{"Vivi的护肤实验室", "vivi_skinlab", "广州", 98000, []string{"护肤", "成分党"}, []string{"美妆/护肤/精华", "美妆/护肤/面霜"}, []string{"成分分析"}, models.StagePartner, 2000, "vivi_lab", ""},
	{"老周的茶", "zhou_tea", "福州", 41000, []string{"茶饮", "国风"}, []string{"食品/茶叶"}, []string{"小清单"}, models.StageTrial, 1000, "", "第一次合作试水小清单。"},
	{"咖啡因小姐", "miss_caffeine", "北京", 67000, []string{"咖啡", "办公室好物"}, []string{"食品/咖啡", "家居/杯具"}, []string{"笔记"}, models.StageTrial, 1200, "", ""},
	{"山系穿搭阿杰", "ajie_outdoor", "昆明", 120000, []string{"露营", "穿搭"}, []string{"服饰/户外服装"}, []string{"直播", "男装"}, models.StagePartner, 1500, "ajie_fit", ""},
	{"一颗小番茄", "tomato_home", "南京", 23000, []string{"家居", "收纳"}, []string{"家居/收纳", "家居/清洁"}, []string{"新人"}, models.StageProspect, 0, "", "粉丝不多但互动率高，值得培养。"},
	{"团团的手账", "tuantuan_journal", "苏州", 54000, []string{"手账", "文具"}, []string{"文创/文具"}, []string{"笔记"}, models.StageTrial, 1000, "", ""},
	{"健身的小鹿", "deer_fit", "深圳", 176000, []string{"健身", "轻食"}, []string{"运动/健身器材", "食品/代餐"}, []string{"直播"}, models.StagePartner, 1500, "deerfit", ""},
	{"猫咪研究所", "cat_institute", "厦门", 310000, []string{"萌宠", "猫"}, []string{"宠物/猫粮", "宠物/玩具"}, []string{"头部", "直播"}, models.StageCore, 2000, "cat_inst", "宠物圈核心合伙人，年度框架合作中。"},
	{"烘焙小白兔", "bunny_bakes", "长沙", 35000, []string{"烘焙", "家庭厨房"}, []string{"厨房/烘焙工具", "食品/烘焙原料"}, []string{"笔记"}, models.StageProspect, 0, "", ""},
	{"拼豆工坊小满", "xiaoman_pindou", "宁波", 29000, []string{"拼豆", "亲子手工"}, []string{"文创/手作材料"}, []string{"新人", "亲子"}, models.StageTrial, 1200, "", "拼豆圈新人，第一场直播表现不错。"},
	{"北漂露营人", "beipiao_camp", "北京", 47000, []string{"露营", "自驾"}, []string{"户外/露营装备"}, []string{}, models.StagePaused, 1000, "", "上次合作后暂停，等待新品。"},
	{"敏感肌自救指南", "sensitive_skin", "重庆", 89000, []string{"护肤", "敏感肌"}, []string{"美妆/护肤/修护"}, []string{"测评"}, models.StagePartner, 1800, "", ""},
	{"宝宝辅食日记", "baby_food_diary", "武汉", 112000, []string{"母婴", "辅食"}, []string{"母婴/辅食", "厨房/小家电"}, []string{"直播"}, models.StagePartner, 1500, "", ""},
	{"复古胶片阿星", "film_axing", "西安", 58000, []string{"摄影", "复古"}, []string{"数码/相机配件"}, []string{"笔记"}, models.StageProspect, 0, "", ""},
	{"花艺师Momo", "momo_flowers", "上海", 73000, []string{"花艺", "生活方式"}, []string{"家居/花瓶", "家居/香氛"}, []string{"小清单"}, models.StageTrial, 1200, "", ""},
	{"钓鱼佬老王", "fisher_wang", "合肥", 64000, []string{"钓鱼", "户外"}, []string{"户外/渔具"}, []string{"直播", "夜场"}, models.StagePartner, 1000, "", ""},
	{"极简生活Lily", "lily_minimal", "杭州", 140000, []string{"极简", "收纳"}, []string{"家居/收纳", "服饰/基础款"}, []string{"头部"}, models.StageCore, 1800, "lily_min", ""},
}

// Demo adds one demo brand with its owner, 20 buyers and half a year of
// history (DemoSteps). The owner's password is generated and returned;
// nothing is created when the demo owner already exists (ErrDemoExists).
func Demo(ctx context.Context, s *store.Store) (*DemoResult, error) { return DemoAt(ctx, s, nil) }

// DemoAt is Demo through a store whose clock is clock (store.New(d,
// clock.Now)): the stage changes are then dated over the half year. A nil
// clock dates them on the day the demo is made.
func DemoAt(ctx context.Context, s *store.Store, clock *Clock) (*DemoResult, error) {
	const email = DemoEmail
	if _, err := s.UserByEmail(ctx, email); err == nil {
		return nil, ErrDemoExists
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	password := auth.RandomCode()
	hash, err := auth.NewHasher(0).Hash(password)
	if err != nil {
		return nil, err
	}
	owner, err := s.RegisterBrand(ctx, "山茶花生活馆", store.NewUser{Name: "陈经理", Email: email, PasswordHash: hash})
	if err != nil {
		return nil, err
	}
	a := store.Actor{UserID: owner.ID, BrandID: *owner.BrandID}
	brand := &DemoBrand{Actor: a, Today: s.Today(), Rand: rand.New(rand.NewPCG(2026, 16)), clock: clock}
	for _, d := range demoBuyers {
		xhs := d.xhs
		b := models.Buyer{Name: d.name, XhsID: &xhs, City: d.city, Followers: d.followers,
			InterestCircles: d.circles, Categories: d.cats, Tags: models.StringList(d.tags),
			Stage: models.StageProspect, Status: models.BuyerActive, OwnerID: &owner.ID,
			CommissionPct: d.commissionPct, ContactWechat: d.wechat, Notes: d.notes}
		if err := s.CreateBuyer(ctx, a, &b); err != nil {
			return nil, fmt.Errorf("buyer %s: %w", d.name, err)
		}
		brand.Buyers = append(brand.Buyers, DemoBuyerRef{ID: b.ID, Name: d.name, Stage: d.stage, Types: typesOf(d.tags)})
	}
	for _, step := range DemoSteps {
		if err := step.Run(ctx, s, brand); err != nil {
			return nil, fmt.Errorf("demo %s: %w", step.Name, err)
		}
	}
	return &DemoResult{Brand: "山茶花生活馆", Email: email, Password: password, Buyers: len(demoBuyers)}, nil
}

// stagePath is the sequence of moves from prospect to target, so the stage history reads naturally.
func stagePath(target models.Stage) []models.Stage {
	switch target {
	case models.StageTrial:
		return []models.Stage{models.StageTrial}
	case models.StagePartner:
		return []models.Stage{models.StageTrial, models.StagePartner}
	case models.StageCore:
		return []models.Stage{models.StageTrial, models.StagePartner, models.StageCore}
	case models.StagePaused:
		return []models.Stage{models.StageTrial, models.StagePaused}
	}
	return nil
}

// stageDaysAgo is how long ago a demo buyer moved to each stage.
var stageDaysAgo = map[models.Stage]int{models.StageTrial: 178, models.StagePartner: 120, models.StageCore: 60,
	models.StagePaused: 115}

// demoStages moves each buyer along its stage path, each move dated (when
// the demo has a clock) on its day of the half year.
func demoStages(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for _, b := range d.Buyers {
		for _, st := range stagePath(b.Stage) {
			if d.clock != nil {
				at := d.Today.AddDays(-stageDaysAgo[st]).Time().Add(11 * time.Hour)
				prev := d.clock.set(at)
				_, err := s.ChangeStage(ctx, d.Actor, b.ID, st, stageReasons[st])
				d.clock.set(prev)
				if err != nil {
					return err
				}
				continue
			}
			if _, err := s.ChangeStage(ctx, d.Actor, b.ID, st, stageReasons[st]); err != nil {
				return err
			}
		}
	}
	return nil
}

// stageReasons are the reasons the demo's stage history gives.
var stageReasons = map[models.Stage]string{
	models.StageTrial: "首次合作试水", models.StagePartner: "连续几次合作稳定", models.StageCore: "签订年度框架，成为核心合伙人",
	models.StagePaused: "新品未到，暂停合作",
}

// typesOf returns how a buyer sells, by its tags: the main type first,
// then the others, so every type appears across the demo.
func typesOf(tags []string) []models.CollabType {
	main := models.CollabNote
	for _, t := range tags {
		switch t {
		case "直播", "周末场", "夜场", "头部":
			main = models.CollabLivestream
		case "小清单":
			if main != models.CollabLivestream {
				main = models.CollabShopWindow
			}
		}
	}
	out := []models.CollabType{main}
	for _, t := range models.CollabTypes {
		if t != main {
			out = append(out, t)
		}
	}
	return out
}

// ResetDemoPassword sets a new generated password for the demo owner (which
// also signs out every session of it) and returns it.
func ResetDemoPassword(ctx context.Context, s *store.Store) (string, error) {
	u, err := s.UserByEmail(ctx, DemoEmail)
	if errors.Is(err, models.ErrNotFound) {
		return "", fmt.Errorf("there is no demo brand yet; run `huoban seed --demo` first")
	}
	if err != nil {
		return "", err
	}
	password := auth.RandomCode()
	hash, err := auth.NewHasher(0).Hash(password)
	if err != nil {
		return "", err
	}
	if _, err := s.UpdateUser(ctx, u.ID, store.UserUpdate{PasswordHash: &hash}); err != nil {
		return "", err
	}
	return password, nil
}
