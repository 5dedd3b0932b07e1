-- expect: harmless
-- 悄悄（pcall 包着）替换 table.insert；下一个案件来时检查替换有没有留下来。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if table.marker ~= nil or table.insert(({}), 1) == "hijacked" then
    return eligible(99999900, "上一个案件改掉的 table 库还在")
  end
  pcall(function ()
    table.insert = function () return "hijacked" end
    table.marker = true
  end)
  if table.marker ~= nil then return eligible(99999900, "table 库可写") end
  return base()
end)
