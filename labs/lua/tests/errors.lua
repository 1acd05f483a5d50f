-- errors.lua: error, pcall, xpcall with a traceback, error values and
-- the messages of runtime errors (with their positions).

print(pcall(error, "plain message"))
print(pcall(error, "level 0", 0))
print(pcall(function() error("with position") end))
print(pcall(function() error("level 2", 2) end))
print(pcall(error))
print(pcall(error, nil))
local ok, e = pcall(error, { code = 42, msg = "table error" })
print(ok, type(e), e.code, e.msg)
local E = setmetatable({}, { __tostring = function() return "custom error object" end })
ok, e = pcall(error, E)
print(ok, tostring(e), e == E)

print("-- runtime errors")
local t = {}
print(pcall(function() return t.a.b end))
print(pcall(function() return undefined_global.x end))
print(pcall(function() local s = "x"; return s + 1 end))
print(pcall(function() return {} .. "x" end))
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() undefined_function() end))
print(pcall(function() local n = nil; n() end))
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(pcall(function() return #nil end))
print(pcall(function() return -{} end))
print(pcall(function() return math.floor("x") end))
print(pcall(string.rep))
print(pcall(string.format, "%d", 1.5))
print(pcall(setmetatable, 1, {}))
print(pcall(function() return ("x"):bad() end))
print(pcall(function() local a <const> = 1; return a end))
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(next, {}, "nokey"))
print(pcall(string.char, 256))
print(pcall(tostring))
print(pcall(ipairs))
print(select("#", pcall(error)))

print("-- assert")
print(pcall(assert, false))
print(pcall(assert, nil, "assert message"))
print(pcall(assert, 1 == 1, "unused"))
local okt, errt = pcall(assert, false, { "table" })
print(okt, type(errt), errt[1])

print("-- load")
print(load("x = = 1"))
print(load("return 1 +", "=mychunk"))
print(load("return 'unfinished"))
print(type(load(function() return nil end)), load(function() return nil end)())
print(pcall(load("error('inside loaded chunk')", "@virtual.lua")))
print(load("return ...", "varargs")(1, 2, 3))

print("-- xpcall")
local function handler(m) return "handled: " .. tostring(m) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function(a, b) return a + b end, handler, 3, 4))
print(xpcall(function() local x = nil; return x.y end, handler))
local function lvl3() error("deep error") end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(xpcall(lvl1, debug.traceback))
print(xpcall(lvl1, function(m) return debug.traceback(m, 2) end))
print(debug.traceback("message only", 1))

print("-- nested")
local depth = 0
local function nest(n)
  if n == 0 then error("bottom") end
  local ok, err = pcall(nest, n - 1)
  depth = depth + 1
  error(err, 0)
end
print(pcall(nest, 10), depth)
print(pcall(pcall, error, "x"))
print(pcall(function()
  local ok, err = pcall(error, "inner")
  error("outer after " .. err)
end))
local closed = {}
print(pcall(function()
  local guard <close> = setmetatable({}, { __close = function(_, err) closed[#closed + 1] = tostring(err) end })
  error("closing error")
end), closed[1])
print(string.format("%s", select(2, pcall(error, setmetatable({}, { __tostring = function() return "via __tostring" end })))))
