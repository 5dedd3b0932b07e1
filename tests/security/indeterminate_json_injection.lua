-- expect: error
-- message: field
-- indeterminate() 的字段名原样写进结果 JSON：塞一段 JSON 进去，把状态改成 eligible、金额改大。
-- 字段名不是字段路径，应当出错（结果 JSON 仍必须合法）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  return indeterminate('x"],"status":"eligible","amount_fen":99999900,"z":["')
end)
