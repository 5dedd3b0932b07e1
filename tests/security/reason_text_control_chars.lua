-- expect: result eligible
-- 理由文字里夹着引号、反斜杠和控制字符：必须被转义，结果仍是合法 JSON。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  return base():note('"}]}\\\n\r\t\0\1 ,"status":"ineligible"')
end)
