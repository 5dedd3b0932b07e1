-- expect: load-error 16
-- 用循环声明几百条本地待遇，撑大每个案件的结果。
region { code = "510104", name = "锦江区" }
for i = 1, 300 do
  rule ("jinjiang.r" .. i) {
    title = "第 " .. i .. " 项", basis = "无", period = "once",
    eval = function (case, p) return eligible(1, "x") end,
  }
end
