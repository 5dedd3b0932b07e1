-- expect: load-error 未知参数
-- 拼错的参数名（会被静默忽略的话，低保标准就不对了）。
region { code = "510104", name = "锦江区" }
param "dibao.standard.urbn" {
  { from = "2026-01-01", value = yuan(1200), source = "锦江区 2026 年低保标准", confidence = "reported" },
}
