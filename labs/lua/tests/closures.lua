-- closures.lua: closures and upvalues.

local function counter(start)
  local n = start or 0
  return function(step) n = n + (step or 1); return n end
end
local c1, c2 = counter(), counter(100)
print(c1(), c1(), c1(5), c2(), c1())

local function pair()
  local value = 0
  local function get() return value end
  local function set(v) value = v end
  return get, set
end
local get, set = pair()
set(42)
print(get(), debug.getupvalue(get, 1))

local fns = {}
for i = 1, 5 do fns[i] = function() return i * i end end
local out = {}
for i = 1, 5 do out[i] = fns[i]() end
print(table.concat(out, " "))

local shared = {}
do
  local x = 0
  for i = 1, 3 do
    shared[i] = function() x = x + i; return x end
  end
end
print(shared[1](), shared[2](), shared[3](), shared[1]())

local function fib_memo()
  local memo = {}
  local function fib(n)
    if n <= 2 then return 1 end
    if memo[n] then return memo[n] end
    local v = fib(n - 1) + fib(n - 2)
    memo[n] = v
    return v
  end
  return fib
end
local fib = fib_memo()
print(fib(10), fib(50), fib(90))

local function compose(...)
  local fs = table.pack(...)
  return function(x)
    for i = fs.n, 1, -1 do x = fs[i](x) end
    return x
  end
end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))

local function curry(f, n, ...)
  local args = table.pack(...)
  if args.n >= n then return f(table.unpack(args, 1, args.n)) end
  return function(...)
    local more = table.pack(...)
    local all = { table.unpack(args, 1, args.n) }
    for i = 1, more.n do all[args.n + i] = more[i] end
    return curry(f, n, table.unpack(all, 1, args.n + more.n))
  end
end
local add3 = function(a, b, c) return a + b + c end
print(curry(add3, 3)(1)(2)(3), curry(add3, 3, 1, 2)(10), curry(add3, 3)(1, 2, 3))

local function varargs(...)
  return select("#", ...), select(2, ...), ...
end
print(varargs(1, nil, 3))
print((varargs(1, 2)))
print(select(-1, "a", "b", "c"), select("#"), select("#", nil, nil))

local function make_accounts()
  local total = 0
  local function account(name)
    local balance = 0
    return {
      deposit = function(v) balance = balance + v; total = total + v end,
      balance = function() return name .. ":" .. balance end,
    }
  end
  return account, function() return total end
end
local account, grand = make_accounts()
local a1, a2 = account("a"), account("b")
a1.deposit(10); a2.deposit(5); a1.deposit(1)
print(a1.balance(), a2.balance(), grand())

local function iter(t)
  local i = 0
  return function() i = i + 1; if t[i] then return i, t[i] end end
end
for i, v in iter({ "x", "y", "z" }) do io.write(i, v, " ") end
print()

local rec
rec = function(n) if n == 0 then return "done" end return rec(n - 1) end
print(rec(100))
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
print(tail(100000, 0))

local env = { print = print, tostring = tostring }
local chunk = load("x = 5; return x * 2", "chunk", "t", env)
print(chunk(), env.x, x)
local up = 1
local f = load("local a = ... ; return a + 1")
print(f(41), string.dump and type(string.dump(f)))
goto skip
print("not printed")
::skip::
print("after goto")
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, j, " ")
    ::continue::
  end
end
print()
