-- Loaded by reserve.lua and order.lua: numbers the threads (for Idempotency-Keys and for sharing work),
-- counts each thread's answers by status, problems also by their code (409 insufficient_stock and 409
-- hold_limit_reached are different stories), and prints the mix when wrk is done.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

counts = {}
function response(status, headers, body)
  local label = tostring(status)
  if status >= 400 then
    label = label .. " " .. ((body or ""):match('"code"%s*:%s*"([^"]*)"') or "?")
  end
  counts[label] = (counts[label] or 0) + 1
end

-- "Statuses: 201 51234 (99.9%), 409 insufficient_stock 12 (0.0%)", most frequent first. Answers wrk gave up
-- on (timeouts, socket errors) never reach response(): wrk's own lines report those.
function print_mix()
  local total, mix = 0, {}
  for _, thread in ipairs(threads) do
    for label, n in pairs(thread:get("counts") or {}) do
      mix[label] = (mix[label] or 0) + n
      total = total + n
    end
  end
  local labels = {}
  for label in pairs(mix) do
    labels[#labels + 1] = label
  end
  table.sort(labels, function(a, b) return mix[a] > mix[b] end)
  local parts = {}
  for _, label in ipairs(labels) do
    parts[#parts + 1] = string.format("%s %d (%.1f%%)", label, mix[label], 100 * mix[label] / total)
  end
  print("Statuses: " .. (#parts > 0 and table.concat(parts, ", ") or "none"))
  return threads
end

function done(summary, latency, requests)
  print_mix()
end
