-- memory.lua: many allocations, reallocations and frees (strings,
-- tables, closures) under the garbage collector; prints checksums only.

local function checksum(s)
  local h = 0
  for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) % 1000000007 end
  return h
end

local parts = {}
for i = 1, 3000 do parts[i] = tostring(i * i) end
local big = table.concat(parts, ",")
print(#big, checksum(big))

local buf = ""
for i = 1, 400 do buf = buf .. string.char(65 + i % 26) end
print(#buf, checksum(buf))

local t = {}
for round = 1, 20 do
  for i = 1, 500 do t[i] = { round, i, tostring(i) } end
  for i = 1, 500, 3 do t[i] = nil end
end
local n = 0
for k, v in pairs(t) do n = n + v[2] end
print("table rounds", n)

local fs = {}
for i = 1, 2000 do fs[i] = function() return i end end
local s = 0
for i = 1, #fs do s = s + fs[i]() end
print("closures", s)

collectgarbage()
collectgarbage("collect")
print(type(collectgarbage("count")), collectgarbage("isrunning"))

local words = {}
for w in big:gmatch("%d+") do words[#words + 1] = w end
table.sort(words)
print(#words, words[1], words[#words])

local grid = {}
for y = 1, 60 do
  grid[y] = {}
  for x = 1, 60 do grid[y][x] = (x * y) % 7 end
end
local life = 0
for y = 2, 59 do for x = 2, 59 do
  local c = 0
  for dy = -1, 1 do for dx = -1, 1 do if grid[y + dy][x + dx] > 3 then c = c + 1 end end end
  life = life + c
end end
print("grid", life)

local rep = string.rep("abc", 20000)
print(#rep, checksum(rep), #rep:upper(), select(2, rep:gsub("b", "")))
local chunks = {}
for i = 1, 100 do chunks[i] = string.rep(string.char(97 + i % 26), i * 10) end
print(#table.concat(chunks), checksum(table.concat(chunks, "|")))
