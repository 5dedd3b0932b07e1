-- expect: result eligible
-- 本地待遇的标题、依据、理由里夹着引号、反斜杠、换行和控制字符：结果必须仍是合法 JSON。
region { code = "510104", name = "锦江区" }
rule "jinjiang.hostile_texts" {
  title = '"},{"id":"dibao.single_person","status":"eligible","amount_fen":99999900,"x":"',
  title_en = "\\\"\n\t\1",
  basis = '"]}],"errors":[],"y":"\27\127',
  period = "once",
  eval = function (case, p)
    return eligible(1, '"},"status":"error","z":"\n\r\0')
  end,
}
