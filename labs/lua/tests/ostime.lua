-- ostime.lua: os.time and os.date with fixed times only (nothing here
-- depends on when it runs). The host runs it with TZ=UTC: EriX has no
-- time zones (local time is UTC).

local t0 = os.time({ year = 2020, month = 1, day = 1, hour = 0 })
print(t0, math.type(t0))
print(os.time({ year = 2000, month = 1, day = 1, hour = 12, min = 30, sec = 15 }))
print(os.time({ year = 1970, month = 1, day = 1, hour = 0 }))
print(os.time({ year = 2024, month = 2, day = 29, hour = 23, min = 59, sec = 59 }))
print(os.time({ year = 2021, month = 14, day = 1, hour = 0 }))
print(os.time({ year = 2021, month = 3, day = 0, hour = 0 }))
print(os.time({ year = 2021, month = 1, day = 1, hour = -1 }))
print(os.time({ year = 2038, month = 1, day = 19, hour = 3, min = 14, sec = 8 }))
print(os.time({ year = 1960, month = 6, day = 15 }))
print(pcall(os.time, { year = 2020 }))
print(pcall(os.time, { year = 2020, month = "x", day = 1 }))

local tab = { year = 2021, month = 13, day = 32, hour = 25, min = 61, sec = 61 }
local norm = os.time(tab)
print(norm, tab.year, tab.month, tab.day, tab.hour, tab.min, tab.sec, tab.wday, tab.yday, tab.isdst)

print(os.date("!%Y-%m-%d %H:%M:%S", 0))
print(os.date("!%Y-%m-%d %H:%M:%S", t0))
print(os.date("!%Y-%m-%d %H:%M:%S", 1234567890))
print(os.date("!%c", 1234567890))
print(os.date("!%x %X %p %I %j %a %A %b %B %y %w %%", 1234567890))
print(os.date("!%d/%m/%Y %H:%M", 951782400), os.date("!%j", 951782400 + 86400))
print(os.date("!%U %W %V %G %g %u", 1609459200))
print(os.date("!%D %R %T %e %h %n%t|", 1000000000))
print(os.date("%Y-%m-%d %H:%M:%S", 1700000000))
print(os.date("!%Y", -86400 * 366))
print(pcall(os.date, "%Ez", 0))
print(pcall(os.date, "%Q", 0))

local d = os.date("!*t", 1000000000)
local keys = {}
for k in pairs(d) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", tostring(d[k]), " ") end
print()
local d2 = os.date("*t", 86400 * 365)
print(d2.year, d2.month, d2.day, d2.hour, d2.wday, d2.yday, d2.isdst)
print(os.time(os.date("*t", 1600000000)) == 1600000000)

print(os.difftime(t0 + 90, t0), math.type(os.difftime(t0, t0)), os.difftime(0, 3600))
print(type(os.clock()), os.getenv("ERIX_LUA_TEST_NO_SUCH_VARIABLE"))
for y = 1999, 2005 do
  io.write(y, ":", os.date("!%a", os.time({ year = y, month = 3, day = 1, hour = 12 })), " ")
end
print()
-- The clock itself (EriX reads the RTC at boot): only properties that
-- hold whenever the test runs.
local now = os.time()
print(math.type(now), now > 1700000000, os.time() - now < 60, os.clock() >= 0)
print(os.date("!%Y", now) >= "2023", #os.date("%c", now) == 24, os.date("*t").year >= 2023)
