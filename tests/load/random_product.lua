-- GET /api/v1/inventory/{id} for a random id of the seeded catalog (one id per line in IDS_FILE).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
  ids[#ids + 1] = line
end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/inventory/" .. ids[math.random(#ids)])
end
