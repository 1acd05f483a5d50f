-- tables.lua: sort with a comparator, concat, insert/remove, #, next and
-- pairs (printed in a sorted order: pairs' own order is not specified).

local function show(t) return "{" .. table.concat(t, ",") .. "}" end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) < type(b)
  end)
  return keys
end

print("-- sort")
local nums = { 5, 3, 8, 1, 9, 2, 7, 4, 6, 0 }
table.sort(nums)
print(show(nums))
table.sort(nums, function(a, b) return a > b end)
print(show(nums))
local words = { "pear", "Apple", "fig", "banana", "cherry", "date" }
table.sort(words)
print(show(words))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(show(words))
local people = {
  { name = "Ana", age = 31 }, { name = "Bo", age = 25 }, { name = "Cy", age = 31 },
  { name = "Di", age = 19 }, { name = "Ed", age = 25 },
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for i, p in ipairs(people) do io.write(i, ".", p.name, "(", p.age, ") ") end
print()
local big = {}
local x = 12345
for i = 1, 1000 do x = (x * 1103515245 + 12345) % 2147483648; big[i] = x % 1000 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print("1000 sorted:", ok, big[1], big[500], big[1000])
print(pcall(table.sort, { 1, "x", 2 }))

print("-- concat / insert / remove / #")
local t = { "a", "b", "c" }
print(table.concat(t), table.concat(t, ", "), table.concat(t, "-", 2), table.concat(t, "-", 2, 3))
print(table.concat({}, "x") == "", table.concat({ 1, 2.5, "z" }, " "))
table.insert(t, "d")
table.insert(t, 1, "first")
table.insert(t, 3, "mid")
print(show(t), #t)
print(table.remove(t), table.remove(t, 1), show(t), #t)
print(table.remove({}), #t, table.remove(t, #t + 1))
local holes = { 1, 2, 3, nil, 5 }
print(#"abc", #{}, #{ 1, 2, 3 }, #{ n = 1 }, select("#", table.unpack({ 1, 2, 3 })))
local packed = table.pack(1, nil, 3)
print(packed.n, packed[1], packed[2], packed[3], holes[5])
print(table.unpack({ 1, 2, 3, 4 }, 2, 3))
print(show(table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1)))
print(show(table.move({ 1, 2, 3 }, 1, 3, 3, { "a", "b" })))
print(pcall(table.insert, { 1 }, 5, 2))

print("-- next / pairs")
local map = { one = 1, two = 2, three = 3, [10] = "ten", [2.5] = "two and a half", [true] = "yes" }
for _, k in ipairs(sorted_keys(map)) do io.write(tostring(k), "=", tostring(map[k]), " ") end
print()
print(next({}), next(map) ~= nil, rawlen({ 1, 2 }), rawequal(map, map), rawget(map, "one"))
local count = 0
for k, v in pairs(map) do count = count + 1 end
print("pairs visited", count)
local arr = { 10, 20, 30, x = "x" }
local sum = 0
for i, v in ipairs(arr) do sum = sum + i * v end
print("ipairs sum", sum)
local t2 = {}
t2[1.0] = "float key"
t2[2] = "int key"
print(t2[1], t2[2.0], math.type(next(t2)))
local grow = {}
for i = 1, 5000 do grow[i] = i * 2 end
for i = 1, 5000, 2 do grow[i] = nil end
local left = 0
for k, v in pairs(grow) do left = left + 1 end
print("left after removing odds", left)
local s = {}
for i = 1, 100 do s["k" .. i] = i end
local total = 0
for k, v in pairs(s) do total = total + v end
print("string keys sum", total)

print("-- metatables")
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
V.__len = function(v) return 2 end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__call = function(v, k) return v.x * k end
function V.new(x, y) return setmetatable({ x = x, y = y }, V) end
function V:norm2() return self.x * self.x + self.y * self.y end
local a, b = V.new(1, 2), V.new(3, 4)
print(tostring(a + b), a == V.new(1, 2), a < b, a <= b, #a, a .. b, a(10), b:norm2())
local defaults = setmetatable({}, { __index = function(t, k) return k .. "!" end })
print(defaults.foo, rawget(defaults, "foo"))
local log = {}
local proxy = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end })
proxy.a = 1; proxy.b = 2; proxy.a = 3
print(table.concat(log, ","), proxy.a)
print(getmetatable("abc").__index == string, getmetatable({}), getmetatable(setmetatable({}, { __metatable = "locked" })))
do
  local order = {}
  do
    local x <close> = setmetatable({}, { __close = function() order[#order + 1] = "x closed" end })
    local y <close> = setmetatable({}, { __close = function() order[#order + 1] = "y closed" end })
    order[#order + 1] = "body"
  end
  print(table.concat(order, "; "))
end
