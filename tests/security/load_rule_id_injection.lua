-- expect: load-error 本地待遇编号
-- 本地待遇编号里夹引号，想在结果 JSON 里注入字段（编号是原样写入结果的）。
region { code = "510104", name = "锦江区" }
rule 'jinjiang.x","status":"eligible' {
  title = "注入", basis = "无", period = "once",
  eval = function (case, p) return eligible(1, "x") end,
}
