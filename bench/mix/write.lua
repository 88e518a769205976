-- wrk script of the writers (issue 11): each request logs a completed
-- collaboration for a random buyer of $BENCH_BUYERS, dated within the last
-- 30 days, so its upkeep touches that buyer's stats, milestones, goals,
-- health and the dashboard's rollups.
local ids = {}
for line in io.lines(os.getenv("BENCH_BUYERS")) do
  if line ~= "" then ids[#ids + 1] = line end
end
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local counter = 0

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  counter = counter + 1
  local day = os.date("!%Y-%m-%d", os.time() - 86400 * math.random(0, 30))
  local body = string.format('{"buyer_id":%s,"type":"livestream","title":"压测场 %d","status":"completed",' ..
    '"start_on":"%s","slot_fee_cents":100000,"commission_pct":15,' ..
    '"metrics":{"views":%d,"viewers":900,"orders":40,"gmv_cents":%d}}',
    ids[math.random(#ids)], counter, day, 1000 + counter % 500, 100000 + math.random(0, 90000) * 100)
  return wrk.format(nil, nil, nil, body)
end
