-- tests/rules/pcall_base/510104.lua — 锦江区 calls base() under pcall, the layer below
-- fails, and the county decides by itself: the result is the county's (decided_by 510104).
region { code = "510104", name = "锦江区" }

override "dibao.single_person" (function (case, base)
  local ok, r = pcall(base)
  if ok then return r end
  return eligible(yuan(1000), "锦江区：市级判定出错时按 1000 元兜底")
end)
