-- expect: error
-- _ENV 声明为 <const>（Lua 5.4.4 在这里曾生成错误的代码）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local _ENV <const> = 45
  AA = 10
  return base()
end)
