-- coroutines.lua: create/resume/yield, wrap, status, errors in coroutines.

local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
    return "end"
  end)
end
local g = gen(3)
print(g(), g(), g(), g())
print(pcall(g))

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "finished", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))

local statuses = {}
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    statuses[#statuses + 1] = "outer from inner: " .. coroutine.status(outer)
    statuses[#statuses + 1] = "inner running: " .. coroutine.status(coroutine.running())
    coroutine.yield()
  end)
  coroutine.resume(inner)
  statuses[#statuses + 1] = "inner after yield: " .. coroutine.status(inner)
end)
coroutine.resume(outer)
print(table.concat(statuses, "; "))
print(coroutine.isyieldable(), select(2, coroutine.running()))
print(coroutine.resume(coroutine.create(function() return coroutine.isyieldable() end)))

local bad = coroutine.create(function() local x = nil; return x.field end)
print(coroutine.resume(bad))
print(coroutine.status(bad))
local thrower = coroutine.wrap(function() error({ code = 7 }) end)
local ok, err = pcall(thrower)
print(ok, type(err), err.code)
local werr = coroutine.wrap(function() error("wrapped failure") end)
print(pcall(werr))

-- producer / consumer
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({ "alpha", "beta", "gamma" }) do coroutine.yield(w) end
  end)
end
local function filter(p)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(p)
      if not v then break end
      coroutine.yield(v:upper() .. "(" .. #v .. ")")
    end
  end)
end
local f = filter(producer())
while true do
  local ok, v = coroutine.resume(f)
  if not v then break end
  io.write(v, " ")
end
print()

-- permutations via recursive generators
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local count, seen = 0, {}
for p in coroutine.wrap(function() permgen({ 1, 2, 3, 4 }) end) do
  count = count + 1
  seen[#seen + 1] = table.concat(p)
end
table.sort(seen)
print(count, seen[1], seen[2], seen[24])

-- close (5.4)
local closable = coroutine.create(function() coroutine.yield(1) end)
coroutine.resume(closable)
print(coroutine.status(closable), coroutine.close(closable), coroutine.status(closable))
local errco = coroutine.create(function() error("oops") end)
coroutine.resume(errco)
print(coroutine.close(errco))

-- many coroutines alive at once
local cos = {}
for i = 1, 200 do
  cos[i] = coroutine.create(function(x) local y = coroutine.yield(x * 2); return x + y end)
end
local s = 0
for i = 1, 200 do local _, v = coroutine.resume(cos[i], i); s = s + v end
for i = 1, 200 do local _, v = coroutine.resume(cos[i], 1); s = s + v end
print("sum", s)
print(coroutine.resume(coroutine.running()))
print(pcall(coroutine.yield, 1))
