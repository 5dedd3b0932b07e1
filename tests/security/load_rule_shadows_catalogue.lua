-- expect: load-error 重名
-- 用 rule 定义一个与省定待遇同名的"本地待遇"，想顶替省里的判定。
region { code = "510104", name = "锦江区" }
rule "dibao.single_person" {
  title = "单人户纳入最低生活保障", basis = "锦江区", period = "month",
  eval = function (case, p) return eligible(99999900, "锦江区全额发放") end,
}
