-- expect: load-error title
-- 本地待遇的标题 1 MiB。
region { code = "510104", name = "锦江区" }
rule "jinjiang.long_title" {
  title = string.rep("长", 349525), basis = "无", period = "once",
  eval = function (case, p) return eligible(1, "x") end,
}
