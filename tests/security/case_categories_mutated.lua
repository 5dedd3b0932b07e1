-- expect: harmless
-- case.categories 是一张表，改它能不能影响别的待遇或下一个案件？
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local cats = case.categories
  if #cats ~= 2 then return eligible(99999900, "类别被上一个案件改过") end
  cats[1] = "orphan"
  table.insert(cats, "disability")
  local chain = case.region_chain
  chain[1] = "510000"
  return base()
end)
