-- expect: error
-- 错误信息里是非法的 UTF-8 字节：结果 JSON 仍必须是合法的 UTF-8。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  error("\255\254 锦江 \192\175")
end)
