-- math.lua: the math library, integers and floats, and how numbers print.

print("-- integers and floats")
print(1, 1.0, -0.0, 1e15, 1e16, 123456789012, 2^53, 2^63, -2^63)
print(math.type(1), math.type(1.0), math.type("1"), math.type(2^31), math.type(1 // 1))
print(3 / 2, 3 // 2, 3.0 // 2, -3 // 2, 3 % -2, -3 % 2, 3.5 % 2, -3.5 % 2, 5 % math.huge)
print(7 // 0.0, -7 // 0.0, 0/0 ~= 0/0, 1e308 * 10, -1e308 * 10)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
print(math.maxinteger * 2, math.mininteger // -1, math.mininteger % -1)
print(1 == 1.0, math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger(2^63))
print(2^53 + 1, (2^53 + 1) // 1, 9007199254740993, math.ult(1, -1), math.abs(math.mininteger))
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x10, 0xA.8p1, 1e2, .5, 3e-2)
print(5 // 3 * 3 + 5 % 3, 2^0.5, 10 / 3, 1 / 3 * 3 == 1, 100 * 1.1)
print(1 << 62, 1 << 63, 1 << 64, -1 >> 1, 5 & 3, 5 | 3, 5 ~ 3, ~0, 3.0 | 0)
print(string.format("%.14g|%.14g|%.14g", 0.1, 1/3, 2/3), 0.1 + 0.2 == 0.3, 0.1 + 0.2)
print(8 // 3.0, 2^2, 10 // 3, 10.0 / 2, 1e300 * 1e10 == math.huge, -math.huge)
print(tostring(1/0), tostring(-1/0), tostring(0/0) == tostring(0/0), math.huge // 1)
-- NaN: the same bits from the same instruction; printf must print the
-- sign as glibc does (x86's 0/0 has it set: "-nan").
print(0/0, -(0/0), string.format("%f %g %e %.3f", 0/0, -(0/0), 1/0, -1/0))

print("-- rounding")
for _, v in ipairs({ 3.7, -3.7, 3.5, -3.5, 2.5, 0.5, -0.5, 7, -0.0 }) do
  io.write(string.format("%g:%s,%s,%s ", v, math.floor(v), math.ceil(v), math.fmod(v, 2)))
end
print()
print(math.floor(2^62), math.ceil(-2^62), math.floor(1e100) == 1e100, math.floor(-0.0))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2), math.fmod(-7.5, 2))
print(math.fmod(1, 0.0) ~= math.fmod(1, 0.0), pcall(math.fmod, 1, 0), math.fmod(math.mininteger, -1), math.fmod(5.3, 1e-300) < 1)
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(math.huge), math.modf(-0.0))
print(math.abs(-5), math.abs(-5.5), math.abs(math.mininteger + 1), math.max(1, 5, 3), math.min(2.5, -1, 7))
print(math.max(1, 2.0), math.min(1, 1.0), pcall(math.max))

print("-- exact functions")
for _, v in ipairs({ 2, 9, 1e-10, 1e300, 0.5, 12345.678 }) do
  io.write(string.format("%.17g ", math.sqrt(v)))
end
print()
print(math.sqrt(-1) ~= math.sqrt(-1), math.sqrt(0), math.sqrt(-0.0), math.sqrt(math.huge))
print(string.format("%.17g %.17g %.17g", math.fmod(1e17, 3), math.fmod(2^60 + 0.5, 7.25), math.fmod(-1e-300, 3)))

print("-- transcendental (printed to 14 digits)")
local xs = { 0, 0.5, 1, 2, 3.14159, 10, 100, -1.5, 1e-8 }
for _, x in ipairs(xs) do
  print(x, math.sin(x), math.cos(x), math.tan(x), math.exp(x), math.atan(x))
end
for _, x in ipairs({ 0.001, 0.5, 1, 2, 10, 1000, 1e100 }) do
  print(x, math.log(x), math.log(x, 2), math.log(x, 10), math.log(x, 3), math.exp(math.log(x)))
end
print(math.log(0), math.log(-1) ~= math.log(-1), math.exp(1000), math.exp(-1000), math.exp(709))
print(math.asin(1), math.acos(0), math.acos(-1), math.atan(1, 1), math.atan(-1, -1), math.atan(0, -1))
print(math.pi, math.pi * 2, math.sin(math.pi), math.cos(math.pi / 3), math.deg(math.pi), math.rad(180))
print(2^10, 2^-1, 10^-3, (-8)^(1/3) ~= (-8)^(1/3), 0^0, math.pow and math.pow(2, 10))
print(math.exp(0.5) ^ 2, 1.0001 ^ 10000, 3 ^ 40, 7 ^ 0.5)
local s = 0
for i = 1, 1000 do s = s + math.sin(i) * math.exp(-i / 500) end
print("series", s)
local h = 0
for i = 1, 10000 do h = h + 1 / i end
print("harmonic", h, string.format("%.10f", h))

print("-- conversions")
print(string.format("%.14g", 1e21), 1e21, 2^70, -2^70, 1e-5, 123.456e-10)
print(tostring(3) == "3", tostring(3.0) == "3.0", 3 | 0, math.floor(-3.5), 7.0 // 2)
print(tonumber("1e308"), tonumber("1e309"), tonumber("-1e309"), tonumber("2.2250738585072014e-308"))
print(tonumber("4.9e-324"), tonumber("1e-400"), tonumber("0x1.fffffffffffffp1023"), tonumber("123456789012345678901234567890"))
print(string.format("%.17g %.17g %.17g", tonumber("0.1"), tonumber("3.141592653589793238"), tonumber("1.7976931348623157e308")))
for _, str in ipairs({ "12", "12.0", "0x1F", "  -7  ", "1e+3", "0x", "1..2", "5e", "0b101", "1e5x" }) do
  io.write(str, "=", tostring(tonumber(str)), " ")
end
print()
print(math.floor(3.9999999999999999), 0.1 * 3, 1 - 0.9, 4.35 * 100, 1.005 * 1000)
print(string.format("%5.1f|%-7.2f|%07.2f|%.0f|%.3e", 2.25, 2.675, -1.005, 2.5e15, 123456))

print("-- random with a fixed seed")
math.randomseed(42)
local r = {}
for i = 1, 5 do r[#r + 1] = math.random(1, 100) end
print(table.concat(r, " "), math.random(7, 7))
math.randomseed(123, 456)
print(math.random(1000000), math.random(0) ~= nil, math.random() < 1)
print(pcall(math.random, 2, 1))
