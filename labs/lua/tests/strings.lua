-- strings.lua: the string library (format, patterns, rep, byte/char, ...).
-- Every line printed must be the same in EriX as on the host's lua5.4.

print("-- format")
print(string.format("%5.2f|%-8.3f|%+.1f|%08.3f", 3.14159, 2.5, -0.05, -1.5))
print(string.format("%g|%g|%g|%g|%g|%g", 0.0001, 1e-5, 123456, 1234567, 1e100, 2^-1074))
print(string.format("%.3g|%.10g|%#g|%G|%g", math.pi, 1/3, 1.0, 1e-20, -0.0))
print(string.format("%e|%.0e|%E|%.12e", 12345.678, 5e10, 1e-300, 2/3))
print(string.format("%.14g|%.17g|%.17g|%.20g", 0.1, 0.1, 0.1 + 0.2, 1e23))
print(string.format("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, -42, 0, 7))
print(string.format("%x|%X|%#x|%o|%#o|%c%c%c", 255, 48879, 4096, 8, 8, 76, 117, 97))
print(string.format("%s|%10s|%-10s|%.3s|%10.4s|", "lua", "right", "left", "abcdef", "abcdefgh"))
print(string.format("%q", "tab\there \"quoted\" back\\slash\nnewline\r\0zero\1\127end"))
print(string.format("%q|%q|%q|%q", 1/3, -2.5, 1e300, 0.1))
print(string.format("%q|%q|%q", 42, math.mininteger, math.maxinteger))
print(string.format("%a|%a|%A", 1.0, 0.1, -3.75))
print(string.format("%i|%u", 17, 18))
print(string.format("%%|%5s%%", "x"))
print(string.format("%s %s %s", nil, true, 12.5))
print(string.format("%.99f", 1/3):sub(1, 40))
print(string.format("[%20.15f]", -math.pi))
print(#string.format("%099d", 7), string.format("%.0f|%.0f|%.0f|%.0f", 0.5, 1.5, 2.5, -0.5))

print("-- find / match")
local s = "hello world from Lua 5.4"
print(s:find("o"), s:find("o", 6), s:find("o", -5), s:find("xyz"))
print(s:find("l+"), s:find(".", 1, true), s:find("5.4", 1, true))
print(s:match("(%a+) (%a+)"), s:match("%d+%.%d+"), s:match("()or()"))
print(("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print(("f(a(b)c)d"):match("%b()"), ("THE (quick) fox"):find("%f[%a]%a+%f[%A]"))
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("abc"):match(".-"), ("abc"):match(".*"), ("abc"):match("a?b?c?d?"), ("aaa"):match("a-$"))
print(("[x]"):find("[", 1, true), ("a.b"):find("%."), ("a+b"):match("a%+b"))
print(("x=1, y=22, z=333"):match("y=(%d+)"), string.match("  42", "^%s*(%-?%d+)$"))

print("-- gsub / gmatch")
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello world"):gsub("(%w+)", "<%1>"))
print(("hello world"):gsub("%w+", "%0 %0"))
print(("abc"):gsub("", "-"))
print(("$name is $age"):gsub("%$(%w+)", { name = "Ana", age = 30 }))
print(("1 2 3 4"):gsub("%d", function(d) return d * 2 end))
print(("a,b,,c"):gsub(",", ";"))
print(("THE quick"):gsub("%u", string.lower))
print(("x"):gsub("x", "%%"))
local words = {}
for w in ("the quick brown fox"):gmatch("%a+") do words[#words + 1] = w:upper() end
print(table.concat(words, "+"))
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, ";") end
print()
local n = 0
for pos in ("banana"):gmatch("()a") do n = n + pos end
print("positions sum", n)

print("-- rep / byte / char / misc")
print(("ab"):rep(3), ("ab"):rep(3, ","), ("x"):rep(0), ("x"):rep(-1) == "")
print(("ABC"):byte(), ("ABC"):byte(2), ("ABC"):byte(1, -1), ("ABC"):byte(10))
print(string.char(72, 105, 33), string.char() == "")
print(("Hello"):upper(), ("Hello"):lower(), ("Hello"):len(), #"", ("Hello"):reverse())
print(("Hello"):sub(2, 4), ("Hello"):sub(-3), ("Hello"):sub(2), ("Hello"):sub(0), ("Hello"):sub(10))
print(("a,b;c d"):find("[,;%s]"), ("abc"):find("b", -10))
print(tostring(12), tostring(12.0), tostring(-0.0), tostring(1e15), tostring(1e16), 2^63)
print(tonumber("0x10"), tonumber("  10  "), tonumber("1e2"), tonumber("10", 2), tonumber("z", 36))
print(tonumber("0x1p4"), tonumber("0x.8"), tonumber(".5"), tonumber("5."), tonumber("1e"), tonumber(""))
print(tonumber("inf"), tonumber("nan"), tonumber("9223372036854775807"), tonumber("9223372036854775808"))
print("10" + 1, "3.0" + 1, 10 .. 20, "0x10" * 1, -"2")
print(("a"):byte() < ("b"):byte(), "a" < "b", "Z" < "a", "abc" < "abd", "" < "a", "a\0b" < "a\0c")
local parts = {}
for i = 0, 255 do
  local c = string.char(i)
  parts[#parts + 1] = c
end
local all = table.concat(parts)
for _, class in ipairs({ "%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x" }) do
  local _, count = all:gsub(class, "")
  local first = all:find(class)
  io.write(class, "=", count, "@", first, " ")
end
print()
print(#all, all:byte(256), select("#", all:byte(1, -1)))
print(string.len(string.rep("abc", 1000, "-")))
print(("%d items"):format(3), ("x"):rep(3, ("y"):rep(2)))
local packed = string.pack("<i4 >i2 z s1 d", 100, -2, "zs", "s1", 1.5)
print(#packed, packed:byte(1, 6))
print(string.unpack("<i4 >i2 z s1 d", packed))
print(string.packsize("i4 i8 d"), utf8.char(72, 105), utf8.len("h\xC3\xA9llo"), #utf8.char(8364))
for p, c in utf8.codes("a\xC3\xA9\xE2\x82\xAC") do io.write(p, ":", c, " ") end
print()
