-- expect: error
-- 很长的中文错误信息：截断时不能把一个汉字切成两半。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  error(string.rep("锦江区困境儿童", 200))
end)
