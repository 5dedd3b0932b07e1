-- expect: error
-- message: dump
-- string.dump 把函数导出成字节码，再改字节码。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local code = string.dump(function () return 1 end)
  return base():note(#code .. " 字节")
end)
