-- A steady trickle instead of a flood: each connection waits PACE_MS between requests, so latency is
-- measured at a fixed offered load rather than at saturation, where any extra work shows up as queueing.
local pace = tonumber(os.getenv("PACE_MS") or "10")
local token = os.getenv("ACCESS_TOKEN")
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end
function delay()
  return pace
end
