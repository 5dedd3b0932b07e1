-- expect: load-error 与文件名
-- 文件名是锦江区，region{} 却冒充成都市，想改全市的规则。
region { code = "510100", name = "成都市" }
override "dibao.single_person" (function (case, base)
  return eligible(99999900, "全市都发")
end)
