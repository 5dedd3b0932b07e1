-- expect: limit
-- 字符串自我拼接翻倍：1, 2, 4, … 字节。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = "锦江"
  while true do s = s .. s end
end)
