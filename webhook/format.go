package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"huoban/models"
)

// eventTitles are the zh-CN headlines of the robot formats.
var eventTitles = map[string]string{
	"buyer.created": "新买手", "buyer.updated": "买手资料更新", "buyer.stage_changed": "买手阶段变更",
	"buyer.archived": "买手已归档", "collaboration.created": "新合作", "collaboration.updated": "合作更新",
	"collaboration.deleted": "合作已删除", "collaborations.imported": "合作批量导入", "goal.created": "新共同目标",
	"goal.updated": "共同目标更新", "goal.achieved": "共同目标达成", "goal.acknowledged": "买手确认了目标",
	"comment.created": "新评论", "milestone.reached": "成长里程碑", "plan.proposed": "合作计划待确认",
	"plan.agreed": "合作计划已达成", "commitment.settled": "承诺已结算", "review.shared": "复盘已分享",
	"ping": "测试消息",
}

// cardFields are the record fields a robot message shows, with their zh-CN labels, in order.
var cardFields = []struct{ key, label string }{
	{"name", "买手"}, {"title", "标题"}, {"type", "类型"}, {"stage", "阶段"}, {"status", "状态"},
	{"start_on", "日期"}, {"gmv_cents", "成交额"}, {"target", "目标值"}, {"current", "当前"},
	{"count", "条数"}, {"body", "内容"}, {"author_name", "作者"}, {"message", "说明"},
}

// card returns the short zh-CN text of an event for a group robot: a
// headline and a few "label：value" lines.
func card(ev *models.WebhookEvent) (headline string, lines []string) {
	var body struct {
		Data      map[string]any `json:"data"`
		CreatedAt time.Time      `json:"created_at"`
	}
	_ = json.Unmarshal([]byte(ev.Payload), &body) // a payload the store wrote always parses
	headline = eventTitles[ev.Type]
	if headline == "" {
		headline = ev.Type
	}
	data := body.Data
	if m, ok := data["metrics"].(map[string]any); ok {
		if g, ok := m["gmv_cents"]; ok {
			data["gmv_cents"] = g
		}
	}
	for _, f := range cardFields {
		v, ok := data[f.key]
		if !ok || v == nil || v == "" {
			continue
		}
		s := fmt.Sprint(v)
		if f.key == "gmv_cents" {
			if n, ok := v.(float64); ok {
				s = "¥" + strconv.FormatFloat(n/100, 'f', 2, 64)
			}
		}
		if r := []rune(s); len(r) > 120 {
			s = string(r[:119]) + "…"
		}
		lines = append(lines, f.label+"："+s)
	}
	lines = append(lines, "时间："+body.CreatedAt.In(chinaTime).Format("2006-01-02 15:04")+"（北京时间）")
	return "【伙伴】" + headline, lines
}

// chinaTime is UTC+8, the robots' readers' clock (fixed: China has no DST).
var chinaTime = time.FixedZone("CST", 8*3600)

// feishuSign is a 飞书 custom robot's signature: the base64 of
// HMAC-SHA256 keyed with timestamp + "\n" + secret over an empty message.
func feishuSign(secret string, timestamp int64) string {
	m := hmac.New(sha256.New, []byte(strconv.FormatInt(timestamp, 10)+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// body returns what a delivery of ev to w posts at now.
//   - standard: the event as stored, byte for byte on every attempt;
//   - feishu: {"msg_type":"text","content":{"text":…}}, with "timestamp"
//     and "sign" when the robot has a signing secret;
//   - wecom: {"msgtype":"markdown","markdown":{"content":…}} (企业微信 group
//     robots have no signing: the key in the URL is the credential).
func body(w *models.Webhook, ev *models.WebhookEvent, now time.Time) ([]byte, error) {
	switch w.Format {
	case models.FormatFeishu:
		head, lines := card(ev)
		msg := map[string]any{"msg_type": "text", "content": map[string]string{"text": head + "\n" + strings.Join(lines, "\n")}}
		if w.BotSecret != "" {
			ts := now.Unix()
			msg["timestamp"] = strconv.FormatInt(ts, 10)
			msg["sign"] = feishuSign(w.BotSecret, ts)
		}
		return json.Marshal(msg)
	case models.FormatWecom:
		head, lines := card(ev)
		var b strings.Builder
		b.WriteString("**" + head + "**\n")
		for _, l := range lines {
			b.WriteString("> " + l + "\n")
		}
		return json.Marshal(map[string]any{"msgtype": "markdown", "markdown": map[string]string{"content": b.String()}})
	default:
		return []byte(ev.Payload), nil
	}
}

// robotError reads a robot's answer: 飞书 answers HTTP 200 with a non-zero
// "code" and 企业微信 with a non-zero "errcode" when it refuses a message.
// It returns "" when the answer means delivered.
func robotError(format string, answer []byte) string {
	if format != models.FormatFeishu && format != models.FormatWecom {
		return ""
	}
	var r struct {
		Code    *int   `json:"code"`
		Msg     string `json:"msg"`
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if json.Unmarshal(answer, &r) != nil {
		return ""
	}
	if r.Code != nil && *r.Code != 0 {
		return fmt.Sprintf("robot refused: code %d %s", *r.Code, r.Msg)
	}
	if r.ErrCode != nil && *r.ErrCode != 0 {
		return fmt.Sprintf("robot refused: errcode %d %s", *r.ErrCode, r.ErrMsg)
	}
	return ""
}
