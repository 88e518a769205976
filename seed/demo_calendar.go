package seed

import (
	"context"
	"fmt"
	"time"

	"huoban/models"
	"huoban/store"
)

// demoSession is one upcoming livestream on the calendar: its day from
// today, its start in Beijing time (hour, minute) and its length.
type demoSession struct {
	buyer   string
	title   string
	day     int
	hour    int
	minute  int
	minutes int
}

// beijing is the time zone the demo buyers go live in.
var beijing = time.FixedZone("CST", 8*3600)

var demoSessions = []demoSession{
	{"猫咪研究所", "双十二预热·宠物专场", 2, 20, 0, 150},
	{"猫咪研究所", "三文鱼冻干新口味首发", 9, 20, 0, 120},
	{"猫咪研究所", "年终囤货直播", 23, 19, 30, 180},
	{"阿野露营日记", "周末露营专场", 5, 19, 0, 120},
	{"阿野露营日记", "冬季露营装备清单直播", 19, 19, 0, 120},
	{"健身的小鹿", "轻食代餐专场", 3, 20, 30, 90},
	{"健身的小鹿", "年末燃脂挑战直播", 17, 20, 30, 90},
	{"钓鱼佬老王", "夜钓装备夜场", 6, 22, 0, 120},
	{"宝宝辅食日记", "辅食碗套装专场", 8, 10, 0, 90},
	{"极简生活Lily", "年终收纳好物直播", 12, 20, 0, 120},
	{"山系穿搭阿杰", "户外穿搭专场", 15, 20, 0, 120},
	{"林小拼", "双十二返场·拼豆专场", 20, 20, 0, 120},
}

// demoCalendar plans the livestreams of the next weeks with their start
// time and length (the calendar); the store refuses one that overlaps
// another livestream of the same buyer, so none does.
func demoCalendar(ctx context.Context, s *store.Store, d *DemoBrand) error {
	for _, ds := range demoSessions {
		b, err := d.buyerNamed(ds.buyer)
		if err != nil {
			return err
		}
		day := d.Today.AddDays(ds.day)
		t := day.Time()
		start := time.Date(t.Year(), t.Month(), t.Day(), ds.hour, ds.minute, 0, 0, beijing).UTC()
		minutes := ds.minutes
		c := models.Collaboration{BuyerID: b.ID, Type: models.CollabLivestream, Title: ds.title, Status: models.CollabPlanned,
			StartOn: day, EndOn: day, StartsAt: &start, DurationMinutes: &minutes,
			SlotFeeCents: int64(ds.minutes/30) * 500_00, SampleCostCents: 200_00}
		if err := s.CreateCollaboration(ctx, d.Actor, &c, true); err != nil {
			return fmt.Errorf("livestream %s of %s: %w", ds.title, ds.buyer, err)
		}
	}
	return nil
}
