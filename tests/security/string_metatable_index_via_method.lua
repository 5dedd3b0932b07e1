-- expect: harmless
-- 通过字符串方法查找链往 string 表里写（string.__index = …），pcall 包着；下一案件再检查。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if ("abc").evil ~= nil or ("abc"):upper() ~= "ABC" then
    return eligible(99999900, "字符串方法被上一个案件改了")
  end
  pcall(function () string.evil = true end)
  pcall(function () string.__index = { upper = function () return "x" end } end)
  pcall(function () ("").upper = nil end)
  return base()
end)
