-- fileio.lua: files through io.open (write, then read back), io.lines,
-- seek, modes, errors, os.remove and os.rename. The files are made in
-- the directory the script is run from (lua/ beside it on the host, /lua
-- in EriX) and removed at the end.

local dir = arg[0]:match("^(.*)/") or "."
local name = dir .. "/fileio.tmp"
local other = dir .. "/fileio-renamed.tmp"
os.remove(name)
os.remove(other)

local f = assert(io.open(name, "w"))
print(io.type(f), io.type(io.stdout), io.type(42))
print(f:write("first line\n", "second line\n", 42, " ", 3.5, " ", -7, "\n") == f)
f:write("no newline at end")
print(f:close())
print(io.type(f), pcall(f.write, f, "x"))

f = assert(io.open(name, "r"))
print(f:read("l"))
print(f:read("L"))
print(f:read("n", "n", "n"))
print(f:read("l"))
print(f:read("l"), f:read("l"), f:read("a"), f:read("a"), f:read("l"))
print(f:seek("set", 6), f:read(4), f:seek("cur"), f:seek("end"))
print(f:seek("set"), f:read(0), f:read(5), f:seek("cur", -2), f:read(1))
f:close()

local lines = {}
for l in io.lines(name) do lines[#lines + 1] = "[" .. l .. "]" end
print(#lines, table.concat(lines))
for a, b in io.lines(name, 1, 2) do io.write(a, b, "|") break end
print()
local n = 0
for l in io.lines(name, "L") do n = n + #l end
print("bytes via L", n)

f = assert(io.open(name, "a"))
f:write("\nappended")
f:close()
f = assert(io.open(name, "r"))
local all = f:read("a")
f:close()
print(#all, all:sub(-8), select(2, all:gsub("\n", "")))

f = assert(io.open(name, "r+"))
f:write("FIRST")
f:seek("set", 0)
print(f:read("l"))
f:close()

f = assert(io.open(name, "w+"))
for i = 1, 200 do f:write(string.format("%04d:%s\n", i, ("x"):rep(i % 17))) end
print(f:seek("cur"), f:seek("set"))
local sum, count = 0, 0
for l in f:lines() do count = count + 1; sum = sum + tonumber(l:sub(1, 4)) end
print(count, sum, f:seek("end"))
f:close()

f = assert(io.open(name, "wb"))
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
f:write(table.concat(bytes))
f:close()
f = assert(io.open(name, "rb"))
local back = f:read("a")
f:close()
local same = #back == 256
for i = 1, #back do if back:byte(i) ~= i - 1 then same = false end end
print("binary round trip", #back, same)

f = assert(io.open(name, "w"))
print(f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line"))
f:write("buffered ", 1, "\n")
print(f:flush(), f:close())

print(io.open(dir .. "/no/such/dir/file", "r"))
print(io.open(dir .. "/missing.tmp"))
print(pcall(io.open, name, "rw"))
print(pcall(io.lines, dir .. "/missing.tmp"))

print(os.rename(name, other))
print(io.open(name) == nil, io.open(other) ~= nil)
print(os.remove(other))
print(os.remove(other))
print(select("#", os.remove(other)), select(3, os.remove(other)))

io.write("io.write ", 1, " ", 2.5, "\n")
print(io.output() == io.stdout, io.input() == io.stdin)
local out = io.output()
print(out:write("via io.output\n") == out)
