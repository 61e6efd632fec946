// An inventory summary that grew by copy and paste: a good candidate for "Refactor Selection".
export interface Item {
  name: string;
  category: string;
  price: number;
  quantity: number;
}

export function summarize(items: Item[]): string {
  let result = '';
  let total = 0;
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i].quantity > 0) {
      if (items[i].category === 'book') {
        result = result + items[i].name + ' (book): ' + items[i].price * items[i].quantity + '\n';
        total = total + items[i].price * items[i].quantity;
        count = count + 1;
      } else if (items[i].category === 'food') {
        result = result + items[i].name + ' (food): ' + items[i].price * items[i].quantity + '\n';
        total = total + items[i].price * items[i].quantity;
        count = count + 1;
      } else {
        result = result + items[i].name + ' (other): ' + items[i].price * items[i].quantity + '\n';
        total = total + items[i].price * items[i].quantity;
        count = count + 1;
      }
    }
  }
  result = result + 'Items: ' + count + ', total: ' + total.toFixed(2);
  return result;
}
