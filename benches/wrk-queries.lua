-- wrk script for benches/load.sh: GET /search?q=Q, rotating through the queries given after `--`.
local queries = {}
local i = 0
init = function(args)
  for _, q in ipairs(args) do table.insert(queries, q) end
end
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/search?q=" .. q)
end
