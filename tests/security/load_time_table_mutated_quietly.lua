-- expect: harmless
-- 加载时建的表，用 table.insert / pcall 往里塞东西，下一个案件检查有没有留下来。
region { code = "510104", name = "锦江区" }
local seen = {}
local standards = { urban = 112000 }
override "dibao.single_person" (function (case, base)
  if #seen > 0 or standards.urban ~= 112000 then
    return eligible(99999900, "上一个案件留下了 " .. #seen .. " 条")
  end
  pcall(table.insert, seen, case.region)
  pcall(function () standards.urban = 1 end)
  pcall(table.sort, seen)
  return base()
end)
