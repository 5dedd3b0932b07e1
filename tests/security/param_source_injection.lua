-- expect: result eligible
-- 参数来源文字里夹 JSON：参数条目是预先渲染好的 JSON，原样拼进结果。
region { code = "510104", name = "锦江区" }
param "dibao.standard.urban" {
  { from = "2026-01-01", value = yuan(1120),
    source = '","value":99999900,"region":"510000","x":"\\\n\t', confidence = "reported" },
}
override "dibao.single_person" (function (case, base)
  return base()
end)
