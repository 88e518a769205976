-- wrk script of scripts/bench-instances.sh: a read/write mix of a brand
-- team's traffic, each request picked at random:
--   30% GET  /buyers (top by 90-day GMV, 20 a page)
--   20% GET  /buyers/:id
--   15% GET  /collaborations?buyer_id=:id
--   15% GET  /dashboard?days=30
--   10% POST /collaborations (a completed livestream of a random buyer)
--   10% PATCH /buyers/:id (followers)
-- Settings from the environment: HUOBAN_TOKEN, BUYER_MIN, BUYER_MAX.
local token = os.getenv("HUOBAN_TOKEN")
local lo = tonumber(os.getenv("BUYER_MIN"))
local hi = tonumber(os.getenv("BUYER_MAX"))
local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local get = { ["Authorization"] = "Bearer " .. token }
local n = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  n = n + 1
  local r = math.random()
  local id = math.random(lo, hi)
  if r < 0.30 then
    return wrk.format("GET", "/api/v1/buyers?sort=-gmv_cents_90d&limit=20", get)
  elseif r < 0.50 then
    return wrk.format("GET", "/api/v1/buyers/" .. id, get)
  elseif r < 0.65 then
    return wrk.format("GET", "/api/v1/collaborations?buyer_id=" .. id .. "&limit=20", get)
  elseif r < 0.80 then
    return wrk.format("GET", "/api/v1/dashboard?days=30", get)
  elseif r < 0.90 then
    local body = string.format('{"buyer_id":%d,"type":"livestream","title":"压测 %d","status":"completed",' ..
      '"start_on":"2026-11-20","slot_fee_cents":100000,"commission_pct":15,' ..
      '"metrics":{"views":%d,"viewers":900,"orders":40,"gmv_cents":%d}}', id, n, 1000 + n % 500, 100000 + n % 9000 * 100)
    return wrk.format("POST", "/api/v1/collaborations", json, body)
  else
    return wrk.format("PATCH", "/api/v1/buyers/" .. id, json, string.format('{"followers":%d}', 1000 + n))
  end
end
