"""Traps for the specification rules (S001-S006): realistic PIs, contracts and chats on which
a careful reviewer would not raise the finding.

Each document is written in the style of real exporters' papers: bilingual labels, item tables
as aligned columns or `|` cells, specifications given as a volume, a capacity or a table with
no "Specification" heading. The firing cases are in tests/catalog_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.traps import Trap, assert_covered, assert_quiet, findings

CODES = ["S001", "S002", "S003", "S004", "S005", "S006"]

# ------------------------------------------------------------------ documents

#: A glass-jar PI: the capacity stands in its own column of the item table, no specification heading.
JAR_PI = """\
XIAMEN CLEARVIEW GLASSWARE CO., LTD.
厦门清景玻璃制品有限公司
No. 66 Tongji Road, Jimei District, Xiamen, Fujian, China
Tel: +86 592 6218 330

形式发票  PROFORMA INVOICE
P/I No. 发票号: CV-PI-261014                    Date 日期: 2026-10-14
Buyer 买方: Nordlicht Küchenwaren GmbH, Hafenstr. 21, 20457 Hamburg, Germany
Alibaba Order No. 信保订单号: 2457710093318820

Item  Model     Description                          Capacity   Qty         Unit Price   Amount
1     CV-J500   Borosilicate glass jar, bamboo lid   500 ml     3,000 pcs   USD 1.85     USD 5,550.00
2     CV-J1000  Borosilicate glass jar, bamboo lid   1000 ml    2,000 pcs   USD 2.40     USD 4,800.00
                                                     Total:     5,000 pcs                USD 10,350.00

Quality 质量: ISO 2859-1, General Inspection Level II, AQL Critical 0 / Major 2.5 / Minor 4.0
Delivery 交货期: within 35 days after deposit
Price term 价格条款: FOB Xiamen
Payment 付款: 30% deposit, 70% balance before shipment, via Alibaba.com Trade Assurance
"""

#: A storage-box PI: the volume is in the description, as real PIs write it.
BOX_PI = """\
TAIZHOU HUANGYAN EVERFRESH PLASTIC CO., LTD.
Huangyan Economic Development Zone, Taizhou, Zhejiang, China

PROFORMA INVOICE
PI No.: EF20260928                         Date: Sep. 28, 2026
Messrs: Baltic Home Supply OÜ, Peterburi tee 47, 11415 Tallinn, Estonia
Trade Assurance Order: 2455102983376104

No.  Item No.   Description                                       Quantity    U/Price    Amount
1    EF-6045    Stackable storage box 45L, PP, clear, with lid    4,800 pcs   USD 2.15   USD 10,320.00
2    EF-6020    Stackable storage box 20L, PP, clear, with lid    4,800 pcs   USD 1.35   USD 6,480.00
TOTAL                                                             9,600 pcs              USD 16,800.00

Packing: 6 pcs / carton
Shipment: within 30 days after receipt of deposit
Payment: T/T via Alibaba.com Trade Assurance, 30% deposit, 70% before loading
Inspection: AQL 2.5 / 4.0 per ISO 2859-1, General Level II
"""

#: A lamp PI whose parameters follow the item table as a bare bilingual table (no heading).
LAMP_PI = """\
ZHONGSHAN GUZHEN LUMIO LIGHTING CO., LTD.
Guzhen Town, Zhongshan, Guangdong, China

PROFORMA INVOICE 形式发票
Invoice No.: LM-PI-2610-07            Date: 2026-10-07
To: Casa Luce S.r.l., Via Torino 8, 20123 Milano, Italy
Order No.: 2451188204457731

| No. | Model    | Description             | Qty       | Unit Price | Amount        |
| 1   | LM-DL12  | LED recessed downlight  | 6,000 pcs | USD 1.95   | USD 11,700.00 |
| Total                                   | 6,000 pcs |            | USD 11,700.00 |

| Power 功率              | 12 W ±5%              |
| Luminous flux 光通量    | 1,080 lm ±5%          |
| Colour temperature 色温 | 4000 K                |
| Diameter 直径           | 120 mm ±1 mm          |
| Cut-out 开孔            | 105 mm ±1 mm          |
| Housing 外壳            | die-cast aluminium, white RAL 9016 |

Quality standard: AQL 0 / 1.5 / 4.0, General Inspection Level II
Delivery: 30 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A PI that names the product only, and the contract that carries its technical requirements.
BARE_PI = """\
NINGBO YINZHOU HOMEWELL CO., LTD.
PROFORMA INVOICE
PI No.: HW-PI-261002                Date: 2 Oct 2026
Buyer: Fjord Living AS, Strandgata 14, 5013 Bergen, Norway
Trade Assurance Order No.: 2452209981174402

Item  Description                 Qty          Unit Price   Amount
1     Stainless steel lunch box   3,000 pcs    USD 3.20     USD 9,600.00
Total                             3,000 pcs                 USD 9,600.00

Shipment: before 20 Nov 2026
Payment: 100% via Alibaba.com Trade Assurance
"""

BARE_CONTRACT = """\
SALES CONTRACT 销售合同
Contract No. 合同号: HW-SC-261003                 Date: 3 October 2026
Seller 卖方: Ningbo Yinzhou Homewell Co., Ltd.
Buyer 买方: Fjord Living AS, Strandgata 14, 5013 Bergen, Norway
Related PI: HW-PI-261002

1. Commodity and quantity
Stainless steel lunch box, 3,000 pcs, USD 3.20 / pc, total USD 9,600.00, FOB Ningbo

2. Technical requirements 技术要求
Capacity 容量: 1200 ml ±30 ml
Material 材质: SUS304 stainless steel, 0.5 mm ±0.05 mm
Outer dimensions 外形尺寸: 200 x 140 x 65 mm ±1 mm
Net weight 净重: 410 g ±15 g

3. Inspection
Pre-shipment inspection per ISO 2859-1, General Level II, AQL Critical 0, Major 2.5, Minor 4.0.

4. Shipment
Not later than 20 November 2026.
"""

#: A kettle PI (the same seller in every S004 trap) with its specification written one way ...
KETTLE_PI = """\
NINGBO BRIGHTWAY HOUSEWARES CO., LTD.
No. 88 Jiangnan Road, Beilun District, Ningbo, Zhejiang, China
PROFORMA INVOICE
PI No.: BW-PI-261108
Date: 2026-11-08
Buyer: Mendez Home Goods S.L., Calle Mayor 12, 46001 Valencia, Spain
Trade Assurance Order No.: 2381009312340017

Item  Description                                   Qty        Unit Price  Amount
1     Stainless steel kettle BW-K17                 1,200 pcs  USD 8.50    USD 10,200.00
Total: USD 10,200.00

Specifications:
{specs}
Quality: ISO 2859-1, General Inspection Level II, AQL Critical 0 / Major 2.5 / Minor 4.0
Ship by: 2026-12-10
Incoterm: FOB Ningbo
"""

#: ... and the sales contract that restates it another way.
KETTLE_CONTRACT = """\
SALES CONTRACT
Contract No.: BW-SC-261110            Date: 10 November 2026
The Seller: Ningbo Brightway Housewares Co., Ltd., No. 88 Jiangnan Road, Ningbo, China
The Buyer: Mendez Home Goods S.L., Calle Mayor 12, 46001 Valencia, Spain
Related PI: PI No. BW-PI-261108
1. Goods
Model      Description                 Quantity    Unit price    Amount
BW-K17     Stainless steel kettle      1,200 pcs   USD 8.50      USD 10,200.00
Total, FOB Ningbo                      1,200 pcs                 USD 10,200.00
2. Specifications
{specs}
3. Quality
Inspection per ISO 2859-1, General Level II, AQL Critical 0, Major 2.5, Minor 4.0.
4. Time of shipment
The Seller shall ship the goods not later than 10 December 2026.
5. Payment
100% through Alibaba.com Trade Assurance order No. 2381009312340017.
"""


def kettle(pi_specs: str, contract_specs: str) -> dict[str, str]:
    """Return the kettle order's PI and contract with their specification lines."""
    return {
        "PI BW-PI-261108.txt": KETTLE_PI.format(specs=pi_specs),
        "Contract BW-SC-261110.txt": KETTLE_CONTRACT.format(specs=contract_specs),
    }


#: A tumbler PI of a seller whose product line is called "Premium": a name, not a quality promise.
TUMBLER_PI = """\
YONGKANG EVERBRIGHT DRINKWARE CO., LTD.
永康市永亮杯业有限公司
Jiangnan Industrial Zone, Yongkang, Zhejiang, China

PROFORMA INVOICE
PI No.: EB-PI-261021                      Date: 21 Oct 2026
Buyer: Trailhead Outfitters LLC, 77 Canyon Rd, Boulder, CO 80302, USA
Trade Assurance Order No.: 2453389120047716

Item  Model         Description                                     Qty         Unit Price   Amount
1     EB-PS600-BK   Premium Series vacuum tumbler 600 ml, black     2,400 pcs   USD 3.65     USD 8,760.00
2     EB-PS600-WH   Premium Series vacuum tumbler 600 ml, white     2,400 pcs   USD 3.65     USD 8,760.00
Total                                                               4,800 pcs                USD 17,520.00

Specifications:
Capacity: 600 ml ±15 ml
Material: inner SUS304, outer SUS201, BPA-free PP lid
Heat retention: ≥ 65 °C after 6 h (start 95 °C)
Net weight: 360 g ±15 g

Quality: AQL Critical 0 / Major 2.5 / Minor 4.0, General Inspection Level II
Shipment: within 40 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A towel PI whose "standard packing" is defined with measures.
TOWEL_PI = """\
GAOYANG COUNTY HENGRUN TEXTILE CO., LTD.
高阳县恒润纺织有限公司
PROFORMA INVOICE
PI No.: HR-261019                               Date: 2026-10-19
Buyer: Linden & Moss Ltd, 4 Weaver Street, Manchester M4 5JH, UK
Trade Assurance Order No.: 2454471102983365

Item  Description                                          Qty          Unit Price   Amount
1     Bath towel 70 x 140 cm, 100% cotton, 500 gsm, grey    6,000 pcs    USD 2.95     USD 17,700.00
Total                                                      6,000 pcs                 USD 17,700.00

Specifications 规格:
Size 尺寸: 70 x 140 cm ±2 cm
Fabric weight 克重: 500 gsm ±5%
Composition 成分: 100% cotton, 21s/2 ply loop
Colour 颜色: Pantone 17-4402 TCX (Neutral Gray)
Standard packing 标准包装: export standard carton, 5-ply, 1 pc / polybag, 24 pcs / carton, 60 x 40 x 35 cm

Quality: AQL 2.5 / 4.0, General Inspection Level II, ISO 2859-1
Shipment: by 2026-11-30
Payment: via Alibaba.com Trade Assurance
"""

#: A cookware PI from a seller called "Excellent", with a slogan in its letterhead.
PAN_PI = """\
ZHEJIANG EXCELLENT COOKWARE CO., LTD.
We make high quality cookware since 2003
No. 9 Xingye Road, Wuyi, Jinhua, Zhejiang, China

PROFORMA INVOICE
PI No.: EXC-2610-118                  Date: 2026-10-18
Buyer: Küchenhaus Berger KG, Lindenallee 3, 80331 München, Germany
Alibaba Trade Assurance Order: 2459983310047725

Item  Model      Description                                  Qty         Unit Price   Amount
1     EX-FP28    Frying pan 28 cm, forged aluminium, induction base     3,000 pcs   USD 4.80   USD 14,400.00
Total                                                                    3,000 pcs              USD 14,400.00

Specifications:
Diameter: 28 cm ±2 mm
Wall thickness: 3.0 mm ±0.2 mm
Base: stainless steel induction plate, 18 cm
Coating: 3-layer PTFE, PFOA-free, per LFGB
Brand: Excellent (laser logo on base)

Quality: AQL 0 / 2.5 / 4.0 (ISO 2859-1), coating adhesion per EN 12983-1
Delivery: within 45 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A flask PI whose specification is a table with the units in the column headers.
FLASK_PI = """\
HANGZHOU SUMMIT VACUUM WARE CO., LTD.
PROFORMA INVOICE
PI No.: SV-PI-261105                      Date: 2026-11-05
Buyer: Bergkamm Outdoor GmbH, Alpenweg 5, 6020 Innsbruck, Austria
Trade Assurance Order No.: 2456610283471109

Item  Model     Description                         Qty         Unit Price   Amount
1     SV-F500   Vacuum flask, matte black           2,000 pcs   USD 3.10     USD 6,200.00
2     SV-F750   Vacuum flask, matte black           2,000 pcs   USD 3.60     USD 7,200.00
Total                                               4,000 pcs                USD 13,400.00

Model     Capacity (ml)   Height (mm)   Diameter (mm)   Weight (g)
SV-F500   500 ±10         235 ±2        70 ±1           330 ±10
SV-F750   750 ±15         275 ±2        78 ±1           410 ±10

Quality: AQL Critical 0 / Major 2.5 / Minor 4.0, General Inspection Level II
Shipment: within 30 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A carton PI whose dimensions carry one unit for all three figures, and a general tolerance line.
CARTON_PI = """\
DONGGUAN HONGXING PAPER PACKAGING CO., LTD.
东莞市鸿兴纸品包装有限公司
PROFORMA INVOICE
PI No.: HX-2610-33                 Date: 2026-10-12
Buyer: Greenleaf Subscriptions Ltd, 12 Mill Lane, Bristol BS1 4QA, UK
Trade Assurance Order No.: 2452281093376650

Item  Description                               Qty          Unit Price   Amount
1     Mailer box, E-flute, kraft, 1C print      20,000 pcs   USD 0.42     USD 8,400.00
Total                                           20,000 pcs                USD 8,400.00

Specifications:
Inner size L x W x H (mm): 300 x 220 x 80
Board: E-flute, 250 g/m² kraft liner
Print: 1 colour, Pantone Black C, outside only
Tolerance 公差: ±2 mm on all dimensions

Quality: AQL 2.5 / 4.0, General Inspection Level II
Shipment: within 20 days after artwork approval
Payment: via Alibaba.com Trade Assurance
"""

#: A shoe PI whose sizes are a range and a size code, not a dimension.
SHOE_PI = """\
JINJIANG STRIDEWELL FOOTWEAR CO., LTD.
PROFORMA INVOICE
PI No.: SW-PI-261015                      Date: 2026-10-15
Buyer: Pasolargo Calzados S.A., Calle Alcalá 150, 28009 Madrid, Spain
Trade Assurance Order No.: 2454478812093361

Item  Model      Description                                  Qty          Unit Price   Amount
1     SW-R210    Running shoe, mesh upper, EVA sole, navy     3,600 prs    USD 6.40     USD 23,040.00
Total                                                         3,600 prs                 USD 23,040.00

Specifications:
Sizes: EU 39-45, size run 1-2-3-3-2-1
Upper: engineered mesh, 100% polyester
Sole: EVA, hardness 55 Shore C ±3
Colour: navy / white, per Pantone 19-3933 TCX

Quality: AQL 2.5 / 4.0, General Inspection Level II
Shipment: by 2026-12-05
Payment: via Alibaba.com Trade Assurance
"""

#: The same ceramic mug order's PI and the buyer's chat with the seller.
MUG_PI = """\
CHAOZHOU FENGXI ARTISAN CERAMICS CO., LTD.
PROFORMA INVOICE
PI No.: FX-PI-261003                      Date: 2026-10-03
Buyer: Sunday Table Co., 88 Harbour St, Auckland 1010, New Zealand
Trade Assurance Order No.: 2451290087731145

Item  Model     Description                           Qty         Unit Price   Amount
1     FX-M350   Stoneware mug 350 ml, matte sage      4,000 pcs   USD 1.90     USD 7,600.00
Total                                                 4,000 pcs                USD 7,600.00

Specifications:
Capacity: 350 ml ±10 ml
Height: 95 mm ±2 mm
Glaze: lead- and cadmium-free, per FDA 21 CFR 109.16

Quality: AQL 2.5 / 4.0, General Inspection Level II
Shipment: within 40 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

MUG_CHAT_HEAD = (
    "Chat with Chaozhou Fengxi Artisan Ceramics Co., Ltd.\n"
    "2026-10-10 09:14:02 林小姐: Dear Hannah, we will prepare the pre-production sample next week.\n"
)


def mug_chat(*lines: str) -> dict[str, str]:
    """Return the mug PI and a chat export: the supplier's opening line, then `lines` as written."""
    return {"PI FX-PI-261003.txt": MUG_PI, "chat.txt": MUG_CHAT_HEAD + "".join(f"{line}\n" for line in lines)}


#: A baby-bottle PI whose acceptance criteria are the safety and food-contact standards it must pass.
BOTTLE_PI = """\
GUANGZHOU LITTLEDEW BABY PRODUCTS CO., LTD.
PROFORMA INVOICE
PI No.: LD-PI-261020                      Date: 2026-10-20
Buyer: Petit Nid SARL, 14 rue des Lilas, 69003 Lyon, France
Trade Assurance Order No.: 2453310928847702

Item  Model     Description                                  Qty         Unit Price   Amount
1     LD-B240   PPSU baby bottle 240 ml, wide neck, grey      5,000 pcs   USD 2.05     USD 10,250.00
Total                                                         5,000 pcs                USD 10,250.00

Specifications:
Capacity: 240 ml ±5 ml
Material: PPSU body, liquid silicone teat, PP cap
Compliance: EN 14350:2020 (drinking equipment), EN 14372 (cutlery and feeding utensils),
food contact per Regulation (EU) No 10/2011 and LFGB 30&31; test report by SGS or Intertek before shipment
Shipment: within 35 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A thermos PI whose acceptance criteria are a table of defect classes.
CRITERIA_PI = """\
SHANGHAI PEAKLINE HOUSEHOLD PRODUCTS CO., LTD.
PROFORMA INVOICE
PI No.: PL-261102                          Date: 2026-11-02
Buyer: Alder & Finch Pty Ltd, 21 Queen St, Melbourne VIC 3000, Australia
Trade Assurance Order No.: 2458812093365510

Item  Description                              Qty         Unit Price   Amount
1     Food jar 480 ml, SUS316 inner, blue      2,500 pcs   USD 4.10     USD 10,250.00
Total                                          2,500 pcs                USD 10,250.00

Specifications:
Capacity: 480 ml ±10 ml
Heat retention: ≥ 60 °C after 6 h

Acceptance criteria 验收标准:
| Defect class 缺陷类别 | AQL 允收水准 |
| Critical 致命          | 0            |
| Major 严重             | 2.5          |
| Minor 轻微             | 4.0          |

Shipment: within 35 days after deposit
Payment: via Alibaba.com Trade Assurance
"""

#: A Chinese-English PI that names its sampling standard as GB/T 2828.1 only.
GBT_PI = """\
温州瓯江五金制品有限公司  WENZHOU OUJIANG HARDWARE CO., LTD.
形式发票 PROFORMA INVOICE
发票号 PI No.: OJ-261017                          日期 Date: 2026-10-17
买方 Buyer: Werkstatt Kessler GmbH, Rheinstr. 40, 50678 Köln, Germany
信保订单号 Trade Assurance Order No.: 2457730018824469

序号 No.  品名 Description                            数量 Qty      单价 Unit Price  金额 Amount
1         Cabinet hinge 35 mm cup, soft-close, nickel   40,000 pcs   USD 0.26         USD 10,400.00
合计 Total                                              40,000 pcs                    USD 10,400.00

规格 Specifications:
Cup diameter 杯径: 35 mm ±0.1 mm
Opening angle 开合角度: 105°
Salt spray 盐雾: 48 h neutral, rating ≥ 9

抽样检验 Sampling inspection: 按 GB/T 2828.1-2012 一般检验水平 II
交货期 Delivery: 收到定金后 30 天内 within 30 days after deposit
付款 Payment: 通过信用保障订单支付 via Alibaba.com Trade Assurance
"""

#: A contract whose quality clause defines the defect classes, with no AQL figure.
DEFECTS_CONTRACT = """\
SALES CONTRACT
Contract No.: LM-SC-2610-07              Date: 8 October 2026
Seller: Zhongshan Guzhen Lumio Lighting Co., Ltd.
Buyer: Casa Luce S.r.l., Via Torino 8, 20123 Milano, Italy

1. Goods: LED downlight 12 W, model LM-DL12, 6,000 pcs, USD 11,700.00, FOB Shenzhen
2. Specification: as Annex 1 (12 W ±5%, 1,080 lm ±5%, 4000 K, diameter 120 mm ±1 mm)
3. Quality and defects
Critical defect: any defect that may cause electric shock, fire or injury; none accepted.
Major defect: light does not switch on, flicker visible to the eye, housing dented or cracked.
Minor defect: scratch on the housing under 5 mm, visible only at 30 cm or closer.
4. Shipment: not later than 15 November 2026
5. Payment: 100% via Alibaba.com Trade Assurance
"""

DEFECTS_PI = LAMP_PI.replace("Quality standard: AQL 0 / 1.5 / 4.0, General Inspection Level II\n", "")

# ------------------------------------------------------------------ the table

TRAPS = [
    # S001: the specification is there, only not under a "Specification" heading.
    Trap("S001", "capacity in its own column of the item table (500 ml, 1000 ml)", {"PI CV-PI-261014.txt": JAR_PI}),
    Trap("S001", "volume written into the description (storage box 45L)", {"PI EF20260928.txt": BOX_PI}),
    Trap("S001", "a bare bilingual parameter table after the items, no heading", {"PI LM-PI-2610-07.txt": LAMP_PI}),
    Trap("S001", "PI names the product only; the contract's 'technical requirements' specify it",
         {"PI HW-PI-261002.txt": BARE_PI, "Contract HW-SC-261003.txt": BARE_CONTRACT}),
    Trap("S001", "specification is a table with the units in the column headers", {"PI SV-PI-261105.txt": FLASK_PI}),
    # S002: words on the subjective list, used to name, not to judge.
    Trap("S002", "'Premium Series' is the seller's product line, the spec is measured",
         {"PI EB-PI-261021.txt": TUMBLER_PI}),
    Trap("S002", "'standard packing' in an 'export standard carton' defined by counts and carton size",
         {"PI HR-261019.txt": TOWEL_PI}),
    Trap("S002", "'high quality' in the letterhead slogan, 'Excellent' the seller's and brand's name",
         {"PI EXC-2610-118.txt": PAN_PI}),
    Trap("S002", "'AQL (Acceptable Quality Level)' written out in the contract",
         kettle("Capacity: 1.7 L ±0.05 L\nWall thickness: 0.50 mm ±0.05 mm",
                "Capacity: 1.7 L ±0.05 L\nWall thickness: 0.50 mm ±0.05 mm\n"
                "Acceptable Quality Level (AQL): Major 2.5, Minor 4.0")),
    # S003: every figure has its unit and a tolerance, written where real documents put them.
    Trap("S003", "units in the column headers of a spec table (Capacity (ml), Height (mm))",
         {"PI SV-PI-261105.txt": FLASK_PI}),
    Trap("S003", "one unit in the label for three figures, a general tolerance line",
         {"PI HX-2610-33.txt": CARTON_PI}),
    Trap("S003", "sizes as a shoe-size range and a size run, not a dimension", {"PI SW-PI-261015.txt": SHOE_PI}),
    Trap("S003", "a bilingual parameter table with tolerances on each figure", {"PI LM-PI-2610-07.txt": LAMP_PI}),
    # S004: the same specification written differently in the PI and the contract.
    Trap("S004", "10 cm on the PI is 100 mm in the contract",
         kettle("Base diameter: 10 cm ±0.1 cm\nCapacity: 1.7 L ±0.05 L",
                "Base diameter: 100 mm ±1 mm\nCapacity: 1.7 L ±0.05 L")),
    Trap("S004", "0.5 L and 500 ml, 1.2 kg and 1200 g, bilingual labels in the contract",
         kettle("Capacity: 0.5 L ±0.02 L\nNet weight: 1.2 kg ±0.03 kg",
                "容量 Capacity: 500 ml ±20 ml\n净重 Net weight: 1200 g ±30 g")),
    Trap("S004", "a decimal comma (0,50 mm) against a decimal point (0.5 mm)",
         kettle("Wall thickness: 0,50 mm ±0,05 mm\nCapacity: 1,7 L ±0,05 L",
                "Wall thickness: 0.5 mm ±0.05 mm\nCapacity: 1.7 L ±0.05 L")),
    Trap("S004", "12 inch on the PI is 30.48 cm in the contract",
         kettle("Height: 12 inch ±0.1 inch\nCapacity: 1.7 L ±0.05 L",
                "Height: 30.48 cm ±0.25 cm\nCapacity: 1.7 L ±0.05 L")),
    # S005: no approval of this order's sample by the buyer.
    Trap("S005", "the buyer asks for the pre-production sample to approve it later",
         mug_chat("2026-10-12 10:02:41 Hannah Reid: Can you send the pre-production sample for our approval "
                  "before you start mass production?")),
    Trap("S005", "the buyer rejects the sample",
         mug_chat("2026-10-20 08:41:13 Hannah Reid: The sample is not approved: the glaze is glossy, we ordered "
                  "matte. Please remake it and send a new one.")),
    Trap("S005", "the sample approved was for another product of an earlier order",
         mug_chat("2026-10-12 10:02:41 Hannah Reid: For our espresso cup order FX-PI-260611 the sample was "
                  "approved in June; for this mug order please send a new sample first.")),
    Trap("S005", "the buyer approves the sample of another model, for another order",
         mug_chat("2026-10-14 16:05:12 Hannah Reid: The sample of the espresso cup FX-C90 is approved, "
                  "please go ahead with that order. The mug sample for this order we still need to see.")),
    Trap("S005", "the supplier asks the buyer to approve the sample; the buyer has not answered",
         mug_chat("2026-10-19 15:30:55 林小姐: Hannah, please approve the sample so we can start bulk production.")),
    # S006: acceptance criteria stated, not in a "Quality: AQL ..." sentence.
    Trap("S006", "AQL levels in a table of defect classes", {"PI PL-261102.txt": CRITERIA_PI}),
    Trap("S006", "sampling standard GB/T 2828.1 named in Chinese and English", {"PI OJ-261017.txt": GBT_PI}),
    Trap("S006", "defect classes defined in the contract's quality clause",
         {"PI LM-PI-2610-07.txt": DEFECTS_PI, "Contract LM-SC-2610-07.txt": DEFECTS_CONTRACT}),
    Trap("S006", "acceptance by product standards (EN 14350, EN 14372) and food-contact law, no AQL",
         {"PI LD-PI-261020.txt": BOTTLE_PI}),
]

#: Beside the traps, their firing neighbours: the same documents with the flaw a reviewer would
#: flag, so that what keeps a trap quiet is shown not to mute its rule. (code, why, files, phrase)
NEIGHBOURS = [
    ("S001", "the jar PI without its capacity column",
     {"PI CV-PI-261014.txt": JAR_PI.replace("Capacity   ", "").replace("500 ml     ", "").replace("1000 ml    ", "")},
     "no product specification"),
    ("S002", "'premium' as a judgment, not a series name",
     {"PI EB-PI-261021.txt": TUMBLER_PI.replace("Material: inner SUS304", "Material: premium inner SUS304")},
     "'premium'"),
    ("S002", "'Brand: good quality', a judgment under a naming label",
     {"PI EXC-2610-118.txt": PAN_PI.replace("Brand: Excellent (laser logo on base)", "Brand: good quality")},
     "'good quality'"),
    ("S002", "'export standard' packing with no figure to define it",
     {"PI HR-261019.txt": TOWEL_PI.replace(
         "export standard carton, 5-ply, 1 pc / polybag, 24 pcs / carton, 60 x 40 x 35 cm", "export standard")},
     "'export standard'"),
    ("S003", "the flask table with no unit in its headers",
     {"PI SV-PI-261105.txt": FLASK_PI.replace(" (ml)", "     ").replace(" (mm)", "     ").replace(" (g)", "    ")},
     "with no unit"),
    ("S003", "the carton PI without its general tolerance line",
     {"PI HX-2610-33.txt": CARTON_PI.replace("Tolerance 公差: ±2 mm on all dimensions\n", "")},
     "no tolerance"),
    ("S004", "10 cm on the PI, 110 mm in the contract",
     kettle("Base diameter: 10 cm ±0.1 cm\nCapacity: 1.7 L ±0.05 L",
            "Base diameter: 110 mm ±1 mm\nCapacity: 1.7 L ±0.05 L"),
     "'Base diameter: 110 mm ±1 mm'"),
    ("S005", "the sample of this order's model approved",
     mug_chat("2026-10-14 16:05:12 Hannah Reid: The sample of FX-M350 is approved, please go ahead with "
              "mass production."),
     "the buyer approved a sample"),
    ("S006", "the baby-bottle PI without its compliance clause",
     {"PI LD-PI-261020.txt": BOTTLE_PI.split("Compliance:")[0] + "Shipment: within 35 days after deposit\n"},
     "no AQL levels"),
]


@pytest.mark.parametrize(("code", "why", "files", "phrase"), NEIGHBOURS, ids=[f"{n[0]}: {n[1]}" for n in NEIGHBOURS])
def test_firing_neighbour_still_fires(code: str, why: str, files: dict[str, str], phrase: str,
                                      tmp_path: Path) -> None:
    messages = [f.message for f in findings(code, files, tmp_path)]
    assert any(phrase in m for m in messages), f"{code}: {why}: {messages}"


@pytest.mark.parametrize("trap", TRAPS, ids=[t.id for t in TRAPS])
def test_trap_stays_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_every_specification_rule_has_traps() -> None:
    assert_covered(TRAPS, CODES)
