-- expect: harmless
-- 把能摸到的表都翻一遍，找 io/os/debug/load 之类藏起来的东西；找到就发一笔钱作记号。
region { code = "510104", name = "锦江区" }
local forbidden = { "io", "os", "debug", "require", "package", "load", "loadfile", "dofile",
  "collectgarbage", "print", "warn", "getmetatable", "setmetatable", "rawget", "rawset",
  "xpcall", "coroutine", "dump", "gsub", "gmatch", "match", "random", "randomseed", "loadstring" }

local function found_in(t)
  if type(t) ~= "table" then return nil end
  for _, name in ipairs(forbidden) do
    if t[name] ~= nil then return name end
  end
  for k in pairs(t) do
    for _, name in ipairs(forbidden) do
      if k == name then return name end
    end
  end
  return nil
end

override "dibao.single_person" (function (case, base)
  local places = { _G, _ENV, string, table, math, utf8, _G._G }
  for _, t in ipairs(places) do
    local hit = found_in(t)
    if hit then return eligible(99999900, "找到了 " .. hit) end
  end
  if next(_G) ~= nil or next(string) ~= nil then
    return eligible(99999900, "next() 看见了原始表")
  end
  if ("").dump or ("").gsub then return eligible(99999900, "字符串方法里还有 dump/gsub") end
  return base()
end)
